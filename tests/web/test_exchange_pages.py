"""The sitrep, export and import pages: forms, downloads, errors, access."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from exchange.seed import PERIOD, seed_period
from shipped_users import make_user
from sitroom.operations.models import Observation


@pytest.fixture
def seeded(db):
    from sitroom.reference.services import reference_load

    reference_load()
    return seed_period()


@pytest.fixture
def analyst_client(client, seeded):
    client.force_login(make_user("page-analyst", "analyst", "ihrc"))
    return client


def test_sitrep_page_shows_the_report_with_citations(analyst_client):
    response = analyst_client.get("/sitrep/", {"date_from": PERIOD[0], "date_to": PERIOD[1]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Population movements" in html and "/#claim-" in html and "<svg" in html
    assert 'style="' not in html.split("<main", 1)[1]  # CSP: no inline styles


def test_sitrep_page_downloads_pdf(analyst_client):
    response = analyst_client.get("/sitrep/", {"date_from": PERIOD[0], "date_to": PERIOD[1], "download": "pdf"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_sitrep_page_explains_a_reversed_period(analyst_client):
    response = analyst_client.get("/sitrep/", {"date_from": PERIOD[1], "date_to": PERIOD[0]})
    assert response.status_code == 400 and "ends before it starts" in response.content.decode()


def test_export_page_streams_hxl_csv(analyst_client):
    response = analyst_client.get("/export/", {"kind": "observations", "format": "csv"})
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[1].startswith("#meta+id") and len(lines) == 7


def test_import_page_dry_run_lists_row_errors_and_writes_nothing(analyst_client):
    count = Observation.objects.count()
    upload = SimpleUploadedFile("obs.csv", b"date,indicator,value\n2021-11-21,people.returned,-4\n", content_type="text/csv")
    response = analyst_client.post("/import/", {"kind": "observations", "file": upload, "dry_run": "on"})
    assert response.status_code == 400
    assert "row 2, field &#x27;value&#x27;" in response.content.decode()
    assert Observation.objects.count() == count


def test_viewer_cannot_import(client, seeded):
    client.force_login(make_user("page-viewer", "viewer", "ihrc"))
    upload = SimpleUploadedFile("obs.csv", b"date,indicator,value\n2021-11-21,people.returned,4\n", content_type="text/csv")
    response = client.post("/import/", {"kind": "observations", "file": upload})
    assert response.status_code == 403
