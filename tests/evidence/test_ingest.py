"""Report ingestion: one Source per distinct report, claims with valid spans, proposed observations,
one transaction per document, clear errors for bad input."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from sitroom.errors import InputError, PermissionDenied
from sitroom.evidence.models import Claim, ClaimKind, Source
from sitroom.evidence.services import documents_from_file, source_ingest
from sitroom.evidence.services import ingest as ingest_module
from sitroom.operations.models import Observation, Verification

from .conftest import REPORT, figure

DEV_REPORTS = Path("/work/shared/dev/reports")

REAL_REPORT = (
    "STEPANAKERT, November 26, 2021 (ARMENPRESS). The response centre said on Thursday that the situation is stable.\n\n"
    "Russian peacekeepers escorted 120 refugees from Yerevan to Stepanakert on November 25. "
    '"The situation is calm," said Major General Rustam Muradov. Sappers cleared 45 hectares and destroyed '
    "1,200 explosive items near Martuni.\n"
)
REAL_HTML = (
    "<html><head><title>Aid reaches Martuni</title></head><body><nav>Home | News</nav><article>"
    "<h1>Aid reaches Martuni</h1><p>MARTUNI, 3 December 2020. The Russian Emergencies Ministry delivered "
    "40 tons of humanitarian aid to Martuni on 2 December.</p></article><script>var x = 1;</script></body></html>"
)


def counts() -> tuple[int, ...]:
    return (
        Source.objects.count(), Claim.objects.count(), Observation.objects.count(),
        Source.history.count(), Claim.history.count(), Observation.history.count(),
    )


def assert_spans_valid(source: Source) -> None:
    claims = list(source.claims.all())
    for claim in claims:
        assert 0 <= claim.start <= claim.end <= len(source.text)
        assert claim.text == source.text[claim.start:claim.end], claim


# --- with the real pipeline: invariants -------------------------------------------------------------------------


def test_ingesting_a_report_keeps_its_original_bytes_and_their_hash(indicators):
    data = REAL_REPORT.encode("utf-8")
    result = source_ingest(data=data, filename="armenpress.txt")
    source = Source.objects.get(pk=result.source.pk)
    assert result.created is True
    assert bytes(source.original) == data
    assert source.content_hash == hashlib.sha256(data).hexdigest()
    assert source.filename == "armenpress.txt"
    assert source.media_type == "text/plain"
    assert source.published == dt.date(2021, 11, 26)
    assert result.claims == source.claims.count() > 0
    assert result.figures == source.claims.filter(kind=ClaimKind.FIGURE).count()


def test_reingesting_the_same_report_adds_nothing(indicators):
    data = REAL_REPORT.encode("utf-8")
    first = source_ingest(data=data, filename="armenpress.txt")
    before = counts()
    again = source_ingest(data=data, filename="another-name.txt", metadata={"title": "Other title"})
    assert again.created is False
    assert again.status == "already have"
    assert again.source.pk == first.source.pk
    assert again.claims == first.claims
    assert counts() == before
    assert Source.objects.get().title != "Other title"


def test_claim_spans_point_into_the_source_text_for_text_and_html(indicators):
    text_source = source_ingest(data=REAL_REPORT.encode("utf-8"), filename="r.txt").source
    html_source = source_ingest(data=REAL_HTML.encode("utf-8"), filename="r.html").source
    assert html_source.media_type == "text/html"
    assert "<p>" not in html_source.text and "var x" not in html_source.text
    assert bytes(html_source.original) == REAL_HTML.encode("utf-8")
    for source in (text_source, html_source):
        assert source.claims.exists()
        assert_spans_valid(source)


@pytest.mark.skipif(not DEV_REPORTS.is_dir(), reason="the shared development reports are not on this machine")
def test_claim_spans_are_valid_on_every_development_report(indicators):
    for path in sorted(DEV_REPORTS.iterdir()):
        source = source_ingest(data=path.read_bytes(), filename=path.name).source
        assert_spans_valid(source)
        for claim in source.claims.filter(kind=ClaimKind.FIGURE):
            assert claim.payload["text"] == claim.text
            assert claim.stage and claim.stage_version and claim.rule


def test_claims_carry_the_pipeline_payload_and_provenance(indicators):
    source = source_ingest(data=REAL_REPORT.encode("utf-8"), filename="r.txt").source
    kinds = set(source.claims.values_list("kind", flat=True))
    assert {ClaimKind.FIGURE, ClaimKind.PLACE} <= kinds
    claim = source.claims.filter(kind=ClaimKind.FIGURE).first()
    assert claim.payload["span"] == [claim.start, claim.end]
    assert "provenance" not in claim.payload
    assert claim.stage == "figures" and claim.rule
    assert 0 < claim.confidence <= 1
    json.dumps(claim.payload)  # plain JSON all the way down


# --- with a stand-in pipeline: exact behaviour ------------------------------------------------------------------


def test_figure_of_a_known_indicator_becomes_a_proposed_observation_with_the_claim_as_evidence(ingested_report, places):
    result = ingested_report()
    assert (result.claims, result.figures, result.observations) == (2, 1, 1)
    observation = Observation.objects.get()
    claim = Claim.objects.get(kind=ClaimKind.FIGURE)
    assert observation.verification == Verification.PROPOSED
    assert observation.claim == claim and observation.source == result.source
    assert observation.indicator.code == "people.returned"
    assert observation.value == 53000 and observation.qualifier == "more than"
    assert observation.date == dt.date(2021, 11, 26)
    assert observation.place == places["stepanakert"]
    assert observation.sensitivity == result.source.sensitivity
    assert claim.text == "More than 53,000 people have returned to Stepanakert"


def test_figure_place_is_found_by_any_name_variant(fake_pipeline, indicators, places):
    text = "Over 500 people returned to Xankəndi."
    fake_pipeline(figures=lambda t: [figure(t, "500 people returned to Xankəndi", value=500, place="Xankəndi")])
    source_ingest(data=text.encode("utf-8"), filename="az.txt")
    assert Observation.objects.get().place == places["stepanakert"]


def test_unclassified_and_unknown_indicators_get_no_observation(fake_pipeline, indicators):
    text = "Some 12 somethings and 7 other things were counted."
    fake_pipeline(figures=lambda t: [figure(t, "12 somethings", value=12, indicator="other", unit="somethings"),
                                     figure(t, "7 other things", value=7, indicator="no.such.code", unit="things")])
    result = source_ingest(data=text.encode("utf-8"), filename="r.txt")
    assert result.figures == 2 and result.observations == 0
    assert Claim.objects.filter(kind=ClaimKind.FIGURE).count() == 2
    assert not Observation.objects.exists()


def test_figure_dated_after_publication_is_kept_as_a_claim_without_observation(fake_pipeline, indicators):
    text = "By then 300 people will have returned."
    fake_pipeline(figures=lambda t: [figure(t, "300 people", value=300, date=dt.date(2022, 1, 1))])
    result = source_ingest(data=text.encode("utf-8"), filename="r.txt")
    assert result.figures == 1 and result.observations == 0
    assert any("after publication" in w for w in result.source.warnings)


def test_a_span_that_does_not_match_the_text_is_reported_not_stored(fake_pipeline, indicators):
    text = "Exactly 40 people returned home."

    def wrong(t):
        bad = figure(t, "40 people", value=40)
        bad.span = (0, 5)  # a pipeline bug: the span does not hold the figure's text
        return [bad, figure(t, "returned home", value=1)]

    fake_pipeline(figures=wrong)
    result = source_ingest(data=text.encode("utf-8"), filename="r.txt")
    assert result.claims == 1
    assert result.errors and "does not match" in result.errors[0]
    assert Source.objects.get().warnings == result.errors
    assert_spans_valid(result.source)


def test_a_failure_inside_the_transaction_leaves_nothing(ingested_report, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest_module, "_proposed_observation", explode)
    before = counts()
    with pytest.raises(RuntimeError):
        ingested_report()
    assert counts() == before
    monkeypatch.undo()
    assert ingested_report().created is True  # nothing half-stored blocks a later attempt


def test_metadata_overrides_what_the_pipeline_found(ingested_report):
    result = ingested_report(metadata={"title": "Returns update", "outlet": "Test Wire", "published": "2021-11-27",
                                       "url": "https://example.org/r/1", "language": "ru"})
    source = result.source
    assert (source.title, source.outlet, source.published, source.url, source.language) == (
        "Returns update", "Test Wire", dt.date(2021, 11, 27), "https://example.org/r/1", "ru")


def test_pipeline_metadata_is_stored_when_not_overridden(ingested_report):
    source = ingested_report().source
    assert (source.title, source.outlet, source.published, source.language) == ("Test report", "ARMENPRESS",
                                                                                dt.date(2021, 11, 26), "en")


@pytest.mark.parametrize(
    ("metadata", "field"),
    [({"published": "26/11/2021"}, "published"), ({"colour": "red"}, "colour"), ({"title": 5}, "title")],
)
def test_bad_metadata_is_refused_naming_the_field(ingested_report, metadata, field):
    with pytest.raises(InputError) as err:
        ingested_report(metadata=metadata)
    assert err.value.field == field
    assert not Source.objects.exists()


def test_sensitivity_and_submitting_organisation_are_stored(ingested_report, orgs, analyst_user):
    result = ingested_report(sensitivity="internal", submitted_by_org=orgs["party_a"], user=analyst_user)
    assert result.source.sensitivity == "internal"
    assert result.source.submitted_by_org == orgs["party_a"]
    assert result.source.received_by == analyst_user
    assert Observation.objects.get().sensitivity == "internal"
    assert Source.history.get().history_user == analyst_user


def test_unknown_sensitivity_is_refused(ingested_report):
    with pytest.raises(InputError) as err:
        ingested_report(sensitivity="secret")
    assert err.value.field == "sensitivity"


def test_a_viewer_cannot_add_reports(ingested_report, viewer_user):
    with pytest.raises(PermissionDenied):
        ingested_report(user=viewer_user)
    assert not Source.objects.exists()


@pytest.mark.parametrize(("data", "problem"), [(b"", "empty"), (b"  \n\t ", "empty"), (b"\x00\x01PK\x03\x04" * 20, "binary")])
def test_empty_or_binary_reports_are_refused(indicators, data, problem):
    with pytest.raises(InputError) as err:
        source_ingest(data=data, filename="upload.txt")
    assert "upload.txt" in err.value.message and problem in err.value.message


def test_an_oversize_report_is_refused(indicators, settings):
    settings.MAX_UPLOAD_MB = 1
    with pytest.raises(InputError) as err:
        source_ingest(data=b"x" * (1024 * 1024 + 1), filename="huge.txt")
    assert "huge.txt" in err.value.message and "1 MB" in err.value.message


# --- concurrency ------------------------------------------------------------------------------------------------


def test_a_report_stored_by_another_process_meanwhile_counts_as_already_had(fake_pipeline, indicators, monkeypatch):
    """The race: our check finds nothing, another process commits the same report while our pipeline runs,
    our insert then violates the unique hash. We answer "already have" and store nothing of ours."""
    import sitroom.pipeline

    data = REPORT.encode("utf-8")
    fake_pipeline(figures=lambda t: [figure(t, "53,000 people", value=53000)])
    stand_in = sitroom.pipeline.extract_bytes

    def extract_while_another_process_stores(blob, *, filename):
        Source.objects.create(content_hash=hashlib.sha256(blob).hexdigest(), original=blob, text=blob.decode(),
                              filename="other-process.txt")
        return stand_in(blob, filename=filename)

    monkeypatch.setattr(sitroom.pipeline, "extract_bytes", extract_while_another_process_stores)
    result = source_ingest(data=data, filename="report.txt")
    assert result.created is False
    assert result.source.filename == "other-process.txt"
    assert Source.objects.filter(content_hash=hashlib.sha256(data).hexdigest()).count() == 1
    assert not Claim.objects.exists() and not Observation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_ingests_of_one_report_end_with_one_source(indicators):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL (the test SQLite database is in memory)")
    data = REAL_REPORT.encode("utf-8")
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(source_ingest(data=data, filename="same.txt"))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert sorted(r.created for r in results) == [False, True]
    assert Source.objects.count() == 1
    assert results[0].source.pk == results[1].source.pk


# --- files to documents -----------------------------------------------------------------------------------------


def test_text_markdown_and_html_files_are_one_document_each(tmp_path):
    for name in ("a.txt", "b.md", "c.html", "d.HTM"):
        (tmp_path / name).write_text("Some report text.", encoding="utf-8")
        docs = list(documents_from_file(tmp_path / name))
        assert len(docs) == 1 and docs[0].filename == name and docs[0].data == b"Some report text."


def test_a_json_file_holds_one_record_or_a_list_of_records(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "Report one.", "title": "One", "published": "2021-11-26",
                               "source": "ARMENPRESS", "url": "https://example.org/1"}), encoding="utf-8")
    [doc] = documents_from_file(one)
    assert doc.data == b"Report one."
    assert doc.metadata == {"title": "One", "published": "2021-11-26", "outlet": "ARMENPRESS", "url": "https://example.org/1"}
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "First."}, {"text": "Second.", "outlet": "TASS"}]), encoding="utf-8")
    docs = list(documents_from_file(many))
    assert [d.data for d in docs] == [b"First.", b"Second."]
    assert docs[1].metadata == {"outlet": "TASS"}
    assert docs[0].filename != docs[1].filename


def test_jsonl_records_are_ingested_with_their_metadata(tmp_path, fake_pipeline, indicators):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": REPORT, "title": "Returns", "published": "2021-11-26", "source": "ARMENPRESS"}),
        "",
        json.dumps({"text": REPORT + " Second copy, different text.", "title": "Returns again"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    docs = list(documents_from_file(path))
    assert [d.origin for d in docs] == [f"{path} line 1", f"{path} line 3"]
    fake_pipeline(figures=lambda t: [figure(t, "53,000 people", value=53000)], title=None, outlet=None)
    results = [source_ingest(data=d.data, filename=d.filename, metadata=d.metadata) for d in docs]
    assert all(r.created for r in results)
    assert results[0].source.title == "Returns" and results[0].source.outlet == "ARMENPRESS"
    assert results[1].source.title == "Returns again"
    for r in results:
        assert_spans_valid(r.source)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", b"", "empty.txt: the file is empty"),
        ("blank.md", b"\n\n   \n", "blank.md: the file is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "image.txt: looks like a binary file"),
        ("report.pdf", b"%PDF-1.4 text", "report.pdf: unsupported file type '.pdf'"),
        ("bad.jsonl", b'{"text": "ok"}\n{"text": "broken\n', "bad.jsonl line 2: invalid JSON"),
        ("notext.jsonl", b'{"text": "ok"}\n{"title": "no text here"}\n', 'notext.jsonl line 2: missing or empty "text" field'),
        ("list.json", b'[{"text": "ok"}, {"text": ""}]', 'list.json item 2: missing or empty "text" field'),
        ("scalar.json", b'"just a string"', "scalar.json: expected an object"),
        ("broken.json", b'{"text": "a",\n "title": }', "broken.json line 2: invalid JSON"),
        ("meta.json", b'{"text": "a", "published": 20211126}', "meta.json: field 'published' should be a string"),
    ],
)
def test_bad_input_files_raise_an_input_error_naming_the_file(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        list(documents_from_file(path))
    assert err.value.message.startswith(str(tmp_path))
    assert expected in err.value.message


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(InputError, match="nowhere.txt: no such file"):
        list(documents_from_file(tmp_path / "nowhere.txt"))


def test_an_oversize_file_is_refused_before_reading(tmp_path, settings):
    settings.MAX_UPLOAD_MB = 1
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (1024 * 1024 + 10))
    with pytest.raises(InputError, match=r"big.txt: 1.0 MB is over the 1 MB limit"):
        list(documents_from_file(path))


def test_a_utf16_report_with_bom_is_not_taken_for_binary(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("Отчёт: 120 человек вернулись.".encode("utf-16"))
    [doc] = documents_from_file(path)
    assert doc.data.startswith(b"\xff\xfe")


def test_events_are_stored_as_event_claims(ingested_report):
    result = ingested_report()
    claim = Claim.objects.get(kind=ClaimKind.EVENT)
    assert claim.payload["kind"] == "meeting"
    assert claim.payload["date"] == "2021-11-25"
    assert claim.payload["places"] == ["Martuni"]
    assert claim.text == result.source.text[claim.start:claim.end]
