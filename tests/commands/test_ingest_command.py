"""`sitroom ingest`: files, folders, globs and stdin; a summary; bad files reported, the others ingested."""

from __future__ import annotations

import io
import json
import sys

import pytest

from sitroom.cli import main
from sitroom.evidence.models import Source

REPORT_A = (
    "STEPANAKERT, November 26, 2021 (ARMENPRESS). Russian peacekeepers escorted 120 refugees from Yerevan "
    "to Stepanakert on November 25. Sappers destroyed 1,200 explosive items near Martuni.\n"
)
REPORT_B = (
    "<html><head><title>Aid reaches Martuni</title></head><body><p>MARTUNI, 3 December 2020. The Russian "
    "Emergencies Ministry delivered 40 tons of humanitarian aid to Martuni on 2 December.</p></body></html>"
)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(REPORT_B, encoding="utf-8")
    (tmp_path / "sub" / "notes.pdf").write_bytes(b"%PDF-1.4")  # not a report type: a folder scan skips it
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("hidden file", encoding="utf-8")
    return tmp_path


def rows(out: str) -> dict[str, list[str]]:
    """The summary table's rows by file name: [status, claims, figures]."""
    table = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if len(cells) == 4:
            table[cells[0]] = cells[1:]
    return table


def run(capsys, *args):
    code = main(["ingest", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_folder_is_ingested_recursively_with_a_summary(db, indicators, folder, capsys):
    code, out, err = run(capsys, folder)
    assert code == 0, err
    assert err == ""
    assert Source.objects.count() == 2
    assert "a.txt" in out and "b.html" in out and "notes.pdf" not in out and "c.txt" not in out
    table = rows(out)
    assert [row[0] for row in table.values()] == ["new", "new"]
    claims = sum(s.claims.count() for s in Source.objects.all())
    assert f"2 file(s): 2 new report(s), 0 already had, 0 failed; {claims} claims" in out


def test_running_again_reports_already_have_and_adds_nothing(db, indicators, folder, capsys):
    run(capsys, folder)
    code, out, _ = run(capsys, folder / "a.txt", folder / "sub" / "b.html")
    assert code == 0
    assert [row[0] for row in rows(out).values()] == ["already have", "already have"]
    assert "0 new report(s), 2 already had" in out
    assert Source.objects.count() == 2


def test_a_bad_file_among_good_ones_is_named_and_the_others_still_go_in(db, indicators, folder, capsys):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.jsonl").write_text('{"text": "fine"}\n{not json}\n', encoding="utf-8")
    code, out, err = run(capsys, folder / "a.txt", folder / "empty.txt", folder / "broken.jsonl",
                         folder / "missing.txt", folder / "sub" / "b.html")
    assert code == 1
    errors = err.strip().splitlines()
    assert len(errors) == 3
    assert f"{folder / 'empty.txt'}: the file is empty" in errors[0]
    assert f"{folder / 'broken.jsonl'} line 2: invalid JSON" in errors[1]
    assert f"{folder / 'missing.txt'}: no such file" in errors[2]
    assert Source.objects.count() == 2  # a.txt and b.html; nothing of broken.jsonl (it failed as a whole)
    assert [row[0] for row in rows(out).values()] == ["new", "failed", "failed", "failed", "new"]
    assert "2 new report(s), 0 already had, 3 failed" in out


def test_globs_and_jsonl_records(db, indicators, tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"text": f"Report {i}: {REPORT_A}", "title": f"Report {i}", "source": "Wire"})
                              for i in range(3)), encoding="utf-8")
    (tmp_path / "x.txt").write_text(REPORT_A, encoding="utf-8")
    code, out, err = run(capsys, str(tmp_path / "*.jsonl"), str(tmp_path / "x.*"))
    assert code == 0, err
    assert Source.objects.count() == 4
    assert sorted(Source.objects.filter(title__startswith="Report").values_list("title", flat=True)) == [
        "Report 0", "Report 1", "Report 2"]  # the titles given in the JSON lines win over the text's
    assert set(Source.objects.filter(title__startswith="Report").values_list("outlet", flat=True)) == {"Wire"}
    assert [row[0] for row in rows(out).values()] == ["3 new", "new"]


def test_a_glob_matching_nothing_fails_naming_it(db, indicators, tmp_path, capsys):
    code, _, err = run(capsys, str(tmp_path / "*.nothing"))
    assert code == 1
    assert "*.nothing: no such file" in err


def test_stdin_is_read_with_a_dash(db, indicators, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REPORT_A.encode("utf-8"))))
    code, out, err = run(capsys, "-")
    assert code == 0, err
    source = Source.objects.get()
    assert source.filename == "stdin.txt" and bytes(source.original) == REPORT_A.encode("utf-8")


def test_sensitivity_organisation_and_user_are_applied(db, indicators, folder, orgs, analyst_user, capsys):
    code, _, err = run(capsys, folder / "a.txt", "--sensitivity", "internal", "--org", orgs["partner"].key,
                       "--user", analyst_user.username)
    assert code == 0, err
    source = Source.objects.get()
    assert (source.sensitivity, source.submitted_by_org, source.received_by) == ("internal", orgs["partner"], analyst_user)


def test_unknown_user_or_organisation_stops_before_reading_anything(db, indicators, folder, capsys):
    code, _, err = run(capsys, folder / "a.txt", "--user", "nobody")
    assert code == 3 and "no user 'nobody'" in err
    code, _, err = run(capsys, folder / "a.txt", "--org", "no-such-org")
    assert code == 1 and "no-such-org" in err
    assert not Source.objects.exists()


def test_a_viewer_cannot_ingest(db, indicators, folder, viewer_user, capsys):
    code, out, err = run(capsys, folder / "a.txt", "--user", viewer_user.username)
    assert code == 1
    assert "needs the analyst role" in err
    assert not Source.objects.exists()
