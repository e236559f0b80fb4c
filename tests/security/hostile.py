"""The hostile and bad input corpus (issue 7, item 4): each Case is one input through one channel — the
upload and paste form (/sources/new/), the JSON API, and the `sitroom ingest`, `extract` and `import`
commands. `expect` says what a careful system does with it:
- "refused": a clear 4xx (or a non-zero exit with a one-line error) whose text contains one of `says`;
- "stored": accepted and stored as inert data (a report that quotes a script is still a report);
- "either": refusing with a clear message or storing correctly are both right (e.g. a cp1251 report:
  decoded properly or refused naming the encoding); `stored_text` then names words the stored text
  must contain, so a wrong decoding is caught.
Never a 500, never a traceback, nothing stored before lost or changed."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Any

MB = 1024 * 1024
LIMIT_MB = 1  # the tests run with SITROOM_MAX_UPLOAD_MB (settings.MAX_UPLOAD_MB) set to this

REPORT = "On 21 November 2021, 1,200 refugees returned to Stepanakert, the centre said."
RU_REPORT = "21 ноября 2021 года в Степанакерт вернулись 1200 беженцев, сообщил центр."
SCRIPT_HTML = ("<html><head><title>Report <script>window.__pwned=1;alert(1)</script></title></head><body>"
               "<p>1,200 refugees returned <img src=x onerror=\"window.__pwned=1;alert(1)\"> to Stepanakert.</p>"
               "<svg onload=\"window.__pwned=1\"><script>alert(2)</script></svg>"
               "<a href=\"javascript:alert(3)\">details</a><iframe src=\"javascript:alert(4)\"></iframe></body></html>")
SCRIPT_TEXT = "Report <script>alert(1)</script> <img src=x onerror=alert(1)> <svg onload=alert(1)> javascript:alert(1) " + REPORT
SQL = "'; DROP TABLE evidence_source; --"
LONG = "x" * 10_000
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" + bytes(64)
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(200)
RANDOM = random.Random(7).randbytes(20_000)
HUGE = (REPORT + "\n").encode() * (int(1.5 * MB) // len(REPORT) + 1)
UTF16_NO_BOM = REPORT.encode("utf-16-le")
CP1251 = RU_REPORT.encode("cp1251")
BAD_UTF8 = b"Report: 1,200 refugees \xff\xfe\xc3\x28 returned to Stepanakert \xe2\x82 on 21 November 2021."
XLSX_GARBAGE = b"PK\x03\x04" + random.Random(9).randbytes(3000)
OBS_HEADER = "indicator,value,date,place,what,note\n"


@dataclass(frozen=True)
class Case:
    id: str
    channel: str  # upload | paste | api | ingest | extract | import
    what: str  # the kind of hostility, for the report
    payload: dict[str, Any]
    expect: str = "refused"
    says: tuple[str, ...] = ()
    stored_text: tuple[str, ...] = ()
    xfail: str = ""  # a known bug in a file another engineer owns: the test is xfail(strict=True)


def _upload(id, what, name, data, expect="refused", says=(), fields=None, **kw) -> Case:
    return Case(id, "upload", what, {"name": name, "data": data, "fields": fields or {}}, expect, says, **kw)


def _paste(id, what, fields, expect="refused", says=(), **kw) -> Case:
    return Case(id, "paste", what, {"fields": fields}, expect, says, **kw)


def _api(id, what, path, body, expect="refused", says=(), raw=False, **kw) -> Case:
    data = body if raw else json.dumps(body)
    return Case(id, "api", what, {"path": path, "body": data}, expect, says, **kw)


def _cli(id, channel, what, files, expect="refused", says=(), argv=None, **kw) -> Case:
    return Case(id, channel, what, {"files": files, "argv": argv}, expect, says, **kw)


def _obs(**fields) -> dict:
    body = {"indicator": "people.returned", "value": 10, "date": "2021-11-21", "sensitivity": "partners"}
    body.update(fields)
    return body


def _event(**fields) -> dict:
    body = {"kind": "incident", "title": "Shooting near the road", "date": "2021-11-21"}
    body.update(fields)
    return body


def _csv(*rows: str) -> bytes:
    return (OBS_HEADER + "".join(r + "\n" for r in rows)).encode()


def build_cases() -> list[Case]:
    cases = [
        # ---- upload (/sources/new/, file) --------------------------------------------------------
        _upload("upload-png", "binary", "photo.png", PNG, says=("binary",)),
        _upload("upload-elf-as-txt", "binary", "report.txt", ELF, says=("binary",)),
        _upload("upload-random-bytes", "binary", "report.txt", RANDOM, says=("binary", "encoding", "decode")),
        _upload("upload-huge", "huge", "report.txt", HUGE, says=("limit", "mb")),
        _upload("upload-empty", "empty", "report.txt", b"", says=("empty",)),
        _upload("upload-whitespace", "empty", "report.txt", b" \n\t \n", says=("empty",)),
        _upload("upload-utf16-no-bom", "encoding", "report.txt", UTF16_NO_BOM, "either", ("binary", "encoding", "utf-16"),
                stored_text=("refugees", "Stepanakert")),
        _upload("upload-cp1251", "encoding", "report.txt", CP1251, "either", ("encoding",), stored_text=("беженцев",)),
        _upload("upload-invalid-utf8", "encoding", "report.txt", BAD_UTF8, "either", ("encoding", "utf-8"),
                stored_text=("Stepanakert",)),
        _upload("upload-malformed-json", "malformed", "reports.json", b'{"text": "1,200 refugees", ', says=("json",)),
        _upload("upload-malformed-jsonl", "malformed", "reports.jsonl", b'{"text": "a report"}\n{"text": \n', "either",
                ("json", "line")),
        _upload("upload-json-not-records", "malformed", "reports.json", b"[1, 2, 3]", "either", ("object", "text")),
        _upload("upload-html-with-scripts", "script", "report.html", SCRIPT_HTML.encode(), "stored"),
        _upload("upload-svg-onload", "script", "report.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
                + REPORT.encode() + b"</svg>", "either", ("unsupported", "type")),
        _upload("upload-text-with-scripts", "script", "report.txt", SCRIPT_TEXT.encode(), "stored"),
        _upload("upload-sql-text", "sql", "report.txt", (SQL + " " + REPORT).encode(), "stored"),
        _upload("upload-sql-title", "sql", "report.txt", ("T1 " + REPORT).encode(), "stored", fields={"title": SQL}),
        _upload("upload-path-traversal-name", "path", "../../etc/passwd", ("T2 " + REPORT).encode(), "either", ("name",)),
        _upload("upload-nul-in-name", "path", "rep\x00ort.txt", ("T3 " + REPORT).encode(), "either", ("name",)),
        _upload("upload-very-long-name", "path", "r" * 1000 + ".txt", ("T4 " + REPORT).encode(), "either", ("name", "characters")),
        _upload("upload-10k-title", "oversize", "report.txt", ("T5 " + REPORT).encode(), says=("title", "characters"),
                fields={"title": LONG}),
        _upload("upload-published-feb-30", "date", "report.txt", ("T6 " + REPORT).encode(), says=("date",),
                fields={"published": "2020-02-30"}),
        _upload("upload-published-year-0", "date", "report.txt", ("T7 " + REPORT).encode(), says=("date",),
                fields={"published": "0000-01-01"}),
        _upload("upload-published-year-9999", "date", "report.txt", ("T8 " + REPORT).encode(), "either", ("date", "future"),
                fields={"published": "9999-12-31"}),
        _upload("upload-javascript-url", "script", "report.txt", ("T9 " + REPORT).encode(), says=("url",),
                fields={"url": "javascript:alert(1)"}),
        _upload("upload-unknown-sensitivity", "bad choice", "report.txt", ("T10 " + REPORT).encode(), says=("choice", "sensitivity"),
                fields={"sensitivity": "secret"}),
        _upload("upload-file-and-text", "ambiguous", "report.txt", ("T11 " + REPORT).encode(), says=("either",),
                fields={"text": "pasted too"}),
        # ---- paste (/sources/new/, textarea) -------------------------------------------------------
        _paste("paste-empty", "empty", {"text": ""}, says=("paste", "choose")),
        _paste("paste-whitespace", "empty", {"text": " \n\t "}, says=("paste", "choose")),
        _paste("paste-nul-characters", "binary", {"text": "P1 " + REPORT + "\x00\x00"}, "either", ("binary", "null", "nul")),
        _paste("paste-huge", "huge", {"text": HUGE.decode()}, says=("limit", "mb", "too large")),
        _paste("paste-scripts", "script", {"text": "P2 " + SCRIPT_TEXT, "title": "<script>alert('title')</script>",
                                           "outlet": "<img src=x onerror=alert(1)>"}, "stored"),
        _paste("paste-sql", "sql", {"text": "P3 " + SQL + " " + REPORT, "outlet": SQL}, "stored"),
        _paste("paste-10k-title", "oversize", {"text": "P4 " + REPORT, "title": LONG}, says=("title", "characters")),
        _paste("paste-10k-outlet", "oversize", {"text": "P5 " + REPORT, "outlet": LONG}, says=("outlet", "characters")),
        _paste("paste-bidi-and-zero-width", "encoding", {"text": "\ufeffP6 \u202e" + REPORT + "\u200b\u2066"}, "stored"),
        _paste("paste-lone-surrogate-bytes", "encoding", {"raw": b"text=P7%20%ED%A0%80%20" + REPORT.replace(" ", "%20").encode()
                                                          + b"&sensitivity=partners"}, "either", ("encoding",)),
        # ---- API: ingest --------------------------------------------------------------------------
        _api("api-ingest-malformed-json", "malformed", "/api/sources/ingest/", '{"text": "a", ', raw=True, says=("json", "parse")),
        _api("api-ingest-list-body", "malformed", "/api/sources/ingest/", [1, 2], says=("invalid", "text", "dict", "object")),
        _api("api-ingest-text-number", "malformed", "/api/sources/ingest/", {"text": 123}, "either", ("text",)),
        _api("api-ingest-empty-text", "empty", "/api/sources/ingest/", {"text": ""}, says=("text", "blank", "empty")),
        _api("api-ingest-path-traversal", "path", "/api/sources/ingest/", {"text": "A1 " + REPORT, "filename": "../../etc/passwd"},
             "either", ("filename",)),
        _api("api-ingest-unknown-sensitivity", "bad choice", "/api/sources/ingest/", {"text": "A2 " + REPORT, "sensitivity": "secret"},
             says=("sensitivity", "choice")),
        _api("api-ingest-published-feb-30", "date", "/api/sources/ingest/", {"text": "A3 " + REPORT, "published": "2020-02-30"},
             says=("published", "date")),
        _api("api-ingest-published-year-0", "date", "/api/sources/ingest/", {"text": "A4 " + REPORT, "published": "0000-01-01"},
             says=("published", "date")),
        _api("api-ingest-scripts", "script", "/api/sources/ingest/", {"text": "A5 " + SCRIPT_TEXT, "outlet": "<script>x</script>"}, "stored"),
        _api("api-ingest-huge", "huge", "/api/sources/ingest/", {"text": HUGE.decode()}, says=("limit", "mb")),
        _api("api-ingest-nan-literal", "absurd number", "/api/sources/ingest/", '{"text": NaN}', raw=True, says=("json", "nan", "parse")),
        _api("api-ingest-deep-nesting", "malformed", "/api/sources/ingest/", '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}",
             raw=True, says=("json", "parse", "deep", "nest")),
        _api("api-ingest-cp1251-body", "encoding", "/api/sources/ingest/", ('{"text": "' + RU_REPORT + '"}').encode("cp1251"),
             raw=True, says=("json", "utf-8", "encoding", "parse")),
        _api("api-ingest-nul-in-text", "binary", "/api/sources/ingest/", {"text": "A6 " + REPORT + "\u0000"}, "either",
             ("binary", "null", "nul")),
        # ---- API: observations --------------------------------------------------------------------
        _api("api-observation-negative", "negative number", "/api/observations/", _obs(value=-5), says=("value", "negative")),
        _api("api-observation-1e308", "absurd number", "/api/observations/", _obs(value=1e308), "either", ("value",)),
        _api("api-observation-nan-string", "absurd number", "/api/observations/", _obs(value="NaN"), says=("value", "number", "finite")),
        _api("api-observation-infinity-string", "absurd number", "/api/observations/", _obs(value="Infinity"),
             says=("value", "number", "finite")),
        _api("api-observation-nan-literal", "absurd number", "/api/observations/", json.dumps(_obs()).replace("10", "NaN", 1),
             raw=True, says=("json", "nan", "parse")),
        _api("api-observation-feb-30", "date", "/api/observations/", _obs(date="2020-02-30"), says=("date",)),
        _api("api-observation-year-0", "date", "/api/observations/", _obs(date="0000-01-01"), says=("date",)),
        _api("api-observation-year-9999", "date", "/api/observations/", _obs(date="9999-12-31"), "either", ("date", "future")),
        _api("api-observation-sql-indicator", "sql", "/api/observations/", _obs(indicator=SQL), says=("indicator",)),
        _api("api-observation-10k-what", "oversize", "/api/observations/", _obs(what=LONG), says=("what", "characters")),
        _api("api-observation-script-note", "script", "/api/observations/", _obs(note="<script>alert(1)</script>", what=SQL), "stored"),
        _api("api-observation-list-body", "malformed", "/api/observations/", [1, 2], says=("invalid", "dict", "object")),
        # ---- API: events ---------------------------------------------------------------------------
        _api("api-event-10k-title", "oversize", "/api/events/", _event(title=LONG), says=("title", "characters")),
        _api("api-event-negative-killed", "negative number", "/api/events/", _event(killed_civilian=-5),
             says=("killed_civilian", "greater", "negative")),
        _api("api-event-absurd-killed", "absurd number", "/api/events/", _event(killed_civilian=1e308),
             says=("killed_civilian", "integer", "number", "valid")),
        _api("api-event-feb-30", "date", "/api/events/", _event(date="2020-02-30"), says=("date",)),
        _api("api-event-script-kind", "script", "/api/events/", _event(kind="<script>alert(1)</script>"), says=("kind", "choice")),
        _api("api-event-svg-title", "script", "/api/events/", _event(title="<svg onload=alert(1)> shelling", incident_kind="shelling"),
             "stored"),
        _api("api-event-incident-without-kind", "malformed", "/api/events/", _event(), "either", ("incident_kind",)),
        # ---- API: claim accept ---------------------------------------------------------------------
        _api("api-accept-nan-value", "absurd number", "/api/claims/{claim}/accept/", {"edits": {"value": "NaN"}}, says=("value",)),
        _api("api-accept-infinity-value", "absurd number", "/api/claims/{claim}/accept/", {"edits": {"value": "Infinity"}},
             says=("value",)),
        _api("api-accept-negative-value", "negative number", "/api/claims/{claim}/accept/", {"edits": {"value": -5}}, says=("value",)),
        _api("api-accept-feb-30", "date", "/api/claims/{claim}/accept/", {"edits": {"date": "2020-02-30"}}, says=("date",)),
        _api("api-accept-edits-not-object", "malformed", "/api/claims/{claim}/accept/", {"edits": "x"}, says=("edits",)),
        _api("api-accept-sql-indicator", "sql", "/api/claims/{claim}/accept/", {"edits": {"indicator": SQL}}, says=("indicator",)),
        # ---- CLI: sitroom ingest -------------------------------------------------------------------
        _cli("ingest-binary", "ingest", "binary", {"report.txt": ELF}, says=("binary",)),
        _cli("ingest-empty", "ingest", "empty", {"report.txt": b""}, says=("empty",)),
        _cli("ingest-huge", "ingest", "huge", {"report.txt": HUGE}, says=("limit", "mb")),
        _cli("ingest-unsupported-type", "ingest", "binary", {"setup.exe": ELF}, says=("unsupported",)),
        _cli("ingest-path-traversal", "ingest", "path", {}, says=("unsupported", "no such file"), argv=["../../../../etc/passwd"]),
        _cli("ingest-nul-in-path", "ingest", "path", {}, says=("no such file", "null", "name"), argv=["rep\x00ort.txt"]),
        _cli("ingest-missing-file", "ingest", "path", {}, says=("no such file",), argv=["nothing-here.txt"]),
        _cli("ingest-malformed-json", "ingest", "malformed", {"reports.json": b'{"text": '}, says=("json",)),
        _cli("ingest-malformed-jsonl", "ingest", "malformed", {"reports.jsonl": b'{"text": "ok report"}\nnot json\n'}, says=("line 2",)),
        _cli("ingest-jsonl-number-text", "ingest", "malformed", {"reports.jsonl": b'{"text": 5}\n'}, says=("text",)),
        _cli("ingest-utf16-no-bom", "ingest", "encoding", {"report.txt": UTF16_NO_BOM}, "either", ("binary", "encoding"),
             stored_text=("refugees", "Stepanakert")),
        _cli("ingest-cp1251", "ingest", "encoding", {"report.txt": CP1251}, "either", ("encoding",), stored_text=("беженцев",)),
        _cli("ingest-invalid-utf8", "ingest", "encoding", {"report.txt": BAD_UTF8}, "either", ("encoding",), stored_text=("Stepanakert",)),
        _cli("ingest-html-scripts", "ingest", "script", {"report.html": ("C1 " + SCRIPT_HTML).encode()}, "stored"),
        # ---- CLI: sitroom extract (no database) ----------------------------------------------------
        _cli("extract-binary", "extract", "binary", {"report.txt": ELF}, says=("binary",)),
        _cli("extract-empty", "extract", "empty", {"report.txt": b""}, "either", ("empty",)),
        _cli("extract-missing", "extract", "path", {}, says=("no such file",), argv=["nothing-here.txt"]),
        _cli("extract-directory", "extract", "path", {"sub/report.txt": REPORT.encode()}, says=("directory",), argv=["sub"]),
        _cli("extract-utf16-no-bom", "extract", "encoding", {"report.txt": UTF16_NO_BOM}, "either", ("binary", "encoding")),
        _cli("extract-random-bytes", "extract", "binary", {"report.txt": RANDOM}, says=("binary", "encoding")),
        # ---- CLI: sitroom import (CSV / XLSX) ------------------------------------------------------
        _cli("import-binary-csv", "import", "binary", {"obs.csv": ELF}, says=("binary", "missing column", "encoding")),
        _cli("import-empty-csv", "import", "empty", {"obs.csv": b""}, says=("no rows",)),
        _cli("import-unterminated-quote", "import", "malformed", {"obs.csv": _csv('people.returned,10,2021-11-21,,"unterminated,x')},
             "either", ("row", "quote")),
        _cli("import-garbage-xlsx", "import", "malformed", {"obs.xlsx": XLSX_GARBAGE}, says=("xlsx",)),
        _cli("import-utf16-no-bom", "import", "encoding", {"obs.csv": _csv("people.returned,10,2021-11-21,,,").decode().encode("utf-16-le")},
             says=("missing column", "encoding")),
        _cli("import-negative", "import", "negative number", {"obs.csv": _csv("people.returned,-5,2021-11-21,,,")}, says=("negative", "value")),
        _cli("import-nan", "import", "absurd number", {"obs.csv": _csv("people.returned,NaN,2021-11-21,,,")}, says=("finite", "value")),
        _cli("import-infinity", "import", "absurd number", {"obs.csv": _csv("people.returned,Infinity,2021-11-21,,,")}, says=("finite",)),
        _cli("import-feb-30", "import", "date", {"obs.csv": _csv("people.returned,10,2020-02-30,,,")}, says=("date",)),
        _cli("import-year-0", "import", "date", {"obs.csv": _csv("people.returned,10,0000-01-01,,,")}, says=("date",)),
        _cli("import-sql-and-script", "import", "sql", {"obs.csv": _csv(f'people.returned,10,2021-11-21,,"<script>alert(1)</script>","{SQL}"')},
             "stored"),
        _cli("import-10k-what", "import", "oversize", {"obs.csv": _csv(f"people.returned,10,2021-11-21,,{LONG},")},
             says=("what", "characters", "long")),
        _cli("import-huge", "import", "huge", {"obs.csv": _csv(*["people.returned,10,2021-11-21,,returned," + "n" * 200] * 6000)},
             says=("limit", "mb")),
    ]
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    return cases


CASES = build_cases()
