"""Bulk import: all or nothing, row-level errors naming the row and the field, dry runs write nothing."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from sitroom.errors import InputError, PermissionDenied
from sitroom.exchange.imports import import_rows
from sitroom.operations.models import Activity, Consignment, Event, Observation
from sitroom.reference.models import Place

GOOD = """date,indicator,value,place,organisation,note
2021-11-21,people.returned,1200,stepanakert,ICRC,checkpoint count
2021-11-22,people.returned,1350,Степанакерт,,
2021-11-23,people.displaced,400,lachin,,
"""


def csv_bytes(text: str) -> bytes:
    return text.encode("utf-8")


def test_valid_file_is_written_in_one_go(analyst):
    report = import_rows(kind_name="observations", data=csv_bytes(GOOD), filename="obs.csv", user=analyst)
    assert report.ok and report.written and report.created == 3
    assert Observation.objects.filter(value__in=[1200, 1350, 400]).count() == 3
    stepanakert = Place.objects.get(key="stepanakert")
    assert Observation.objects.filter(value=1350, place=stepanakert).exists()  # a Russian name variant


def test_one_bad_row_writes_nothing_and_names_row_and_field(analyst):
    bad = GOOD + "2021-11-24,people.returned,-5,stepanakert,,\n"
    before = Observation.objects.count()
    report = import_rows(kind_name="observations", data=csv_bytes(bad), filename="obs.csv", user=analyst)
    assert not report.written and Observation.objects.count() == before
    assert len(report.errors) == 1
    error = report.errors[0]
    assert (error.row, error.field) == (5, "value")
    assert str(error).startswith("row 5, field 'value': ")


def test_errors_of_every_kind_are_listed_by_a_dry_run(analyst):
    text = ("date,indicator,value,place\n"
            "2021-11-21,people.returned,abc,stepanakert\n"
            "not-a-date,people.returned,10,stepanakert\n"
            "2021-11-21,people.flying,10,stepanakert\n"
            "2021-11-21,people.returned,10,Atlantis\n"
            "2021-11-21,people.returned,10,stepanakert\n")
    before = Observation.objects.count()
    report = import_rows(kind_name="observations", data=csv_bytes(text), filename="obs.csv", user=analyst, dry_run=True)
    assert [(e.row, e.field) for e in report.errors] == [(2, "value"), (3, "date"), (4, "indicator"), (5, "place")]
    assert report.created == 1 and not report.written
    assert Observation.objects.count() == before


def test_dry_run_of_a_valid_file_writes_nothing(analyst):
    before = Observation.objects.count()
    report = import_rows(kind_name="observations", data=csv_bytes(GOOD), filename="obs.csv", user=analyst, dry_run=True)
    assert report.ok and report.created == 3 and not report.written
    assert Observation.objects.count() == before


def test_skip_invalid_writes_the_valid_rows(analyst):
    bad = GOOD + "2021-11-24,people.returned,-5,stepanakert,,\n"
    report = import_rows(kind_name="observations", data=csv_bytes(bad), filename="obs.csv", user=analyst, skip_invalid=True)
    assert report.written and report.created == 3 and report.skipped == 1


def test_hxl_row_under_the_header_is_skipped(analyst):
    text = "date,indicator,value,place\n#date,#indicator+code,#indicator+num,#loc+code\n2021-11-21,people.returned,5,stepanakert\n"
    report = import_rows(kind_name="observations", data=csv_bytes(text), filename="obs.csv", user=analyst)
    assert report.ok and report.created == 1 and report.rows == 1


def test_missing_required_columns_is_a_file_error(analyst):
    with pytest.raises(InputError, match="missing column"):
        import_rows(kind_name="observations", data=b"date,place\n2021-11-21,lachin\n", filename="x.csv", user=analyst)


def test_viewer_cannot_import(viewer):
    with pytest.raises(PermissionDenied):
        import_rows(kind_name="observations", data=csv_bytes(GOOD), filename="obs.csv", user=viewer)


def test_xlsx_import_of_events_consignments_and_activities(analyst):
    def xlsx(rows):
        wb = Workbook()
        for row in rows:
            wb.active.append(row)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    events = xlsx([["date", "kind", "title", "places", "killed_civilian"],
                   ["2021-11-27", "incident", "Shelling near Martuni", "martuni;askeran", 1]])
    assert import_rows(kind_name="events", data=events, filename="e.xlsx", user=analyst).created == 1
    assert sorted(p.key for p in Event.objects.get(title="Shelling near Martuni").places.all()) == ["askeran", "martuni"]
    consignments = xlsx([["reference", "donor", "destination", "status", "item_kind", "quantity", "weight_tons"],
                         ["C-77", "ICRC", "stepanakert", "planned", "heaters", 300, 4.5]])
    assert import_rows(kind_name="consignments", data=consignments, filename="c.xlsx", user=analyst).created == 1
    assert Consignment.objects.get(reference="C-77").weight_tons == 4.5
    activities = xlsx([["title", "organisation", "sector", "place", "start", "end"],
                       ["Road repair", "UNHCR", "reconstruction", "lachin", "2021-11-20", "2021-11-10"]])
    report = import_rows(kind_name="activities", data=activities, filename="a.xlsx", user=analyst)
    assert [(e.row, e.field) for e in report.errors] == [(2, "end")]
    assert not Activity.objects.filter(title="Road repair").exists()


def test_places_import_needs_an_editor_and_updates_by_key(editor, analyst):
    text = "key,name,kind,parent,lat,lon,name_hy\nnew-village,New Village,village,lachin-district,39.6,46.5,Նոր գյուղ\nlachin,Lachin,town,lachin-district,39.64,46.55,\n"
    with pytest.raises(PermissionDenied):
        import_rows(kind_name="places", data=csv_bytes(text), filename="p.csv", user=analyst)
    report = import_rows(kind_name="places", data=csv_bytes(text), filename="p.csv", user=editor)
    assert report.ok and (report.created, report.updated) == (1, 1)
    assert Place.objects.get(key="new-village").names == {"hy": ["Նոր գյուղ"]}
