"""The access matrix of issue 6 item 10, generated from the URL configuration: every named URL (web and
API) x role x organisation access group x record sensitivity, checked against the rule written out in
world.EXPECTED_VISIBLE. A pattern whose path parameters the matrix cannot fill fails
`test_every_url_pattern_is_in_the_access_matrix` with "add <name> to the access matrix"."""

from __future__ import annotations

import json

import pytest
from django.contrib import admin
from django.urls import reverse

from sitroom.exchange.kinds import KINDS

from .conftest import changes, snapshot
from .urlmap import (
    ANONYMOUS_OK,
    AUTH_ENDPOINTS,
    DETAIL_PAGES,
    REFERENCE_KINDS,
    Unmapped,
    fill,
    url_for,
    walk_routes,
)
from .world import EXPECTED_VISIBLE, GROUPS, NOTE_MARK, ROLES, VARIANTS, mark

ROUTES = walk_routes()
RECORD_ROUTES = [r for r in ROUTES if r.record_model_key]
READ_RECORD_ROUTES = [r for r in RECORD_ROUTES if not r.is_action]
WRITE_RECORD_ROUTES = [r for r in RECORD_ROUTES if not r.is_format_variant and (r.is_action or r.api)]
# (group, variant it may not see): a partner and internal/joint records, a party and the other party's own
# submission or a partners-only record.
HIDDEN_PAIRS = [("partner", "internal"), ("partner", "joint"), ("party_a", "party_b_own"), ("party_b", "partners")]
PLAIN_ROUTES = [r for r in ROUTES if not r.record_model_key]


def _hidden_marks(group: str) -> list[str]:
    from .world import World  # noqa: F401  (marks are pure functions of model key and variant)

    hidden = set(VARIANTS) - EXPECTED_VISIBLE[group]
    models = ("source", "claim", "observation", "event", "activity", "consignment", "needs", "hazardousarea", "clearancetask",
              "shelter", "evacuation", "returnmovement", "reconstructionobject", "site", "agreement", "meeting")
    return [mark(m, v) for m in models for v in hidden]


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_every_url_pattern_is_in_the_access_matrix(world):
    missing = []
    for route in ROUTES:
        try:
            fill(route, world)
        except Unmapped as exc:
            missing.append(str(exc))
    assert not missing, "\n".join(missing)
    assert len(ROUTES) > 60  # the walk really found the project's pages and API


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.id)
def test_anonymous_is_sent_to_login_or_refused(route, world, client_for):
    client = client_for(None)
    url = url_for(route, world)
    for method in ("get",) if route.is_format_variant else ("get", "post"):
        response = getattr(client, method)(url)
        if route.bare_name in ANONYMOUS_OK or (method == "post" and route.bare_name in AUTH_ENDPOINTS):
            assert response.status_code < 500
            continue
        if route.api:
            assert response.status_code in (401, 403, 405), f"{method.upper()} {url}: {response.status_code}"
            assert response.status_code != 405 or route.bare_name == "api-token"
        else:
            assert response.status_code == 302 and response["Location"].startswith("/login/"), \
                f"{method.upper()} {url}: {response.status_code} {response.get('Location')}"


@pytest.mark.parametrize("route", READ_RECORD_ROUTES, ids=lambda r: r.id)
def test_a_record_is_shown_only_to_whom_the_rule_allows(route, world, client_for):
    """GET of a record's URL for every organisation group x variant: 404 when hidden, 200 on detail pages
    when visible; a hidden record's words never appear."""
    failures = []
    for group in GROUPS:
        client = client_for("viewer", group)
        hidden = _hidden_marks(group)
        variants = VARIANTS if not route.is_format_variant else ("public", "internal")
        for variant in variants:
            url = url_for(route, world, variant)
            response = client.get(url)
            visible = variant in EXPECTED_VISIBLE[group]
            status = response.status_code
            if status == 405 or (status == 403 and route.bare_name not in DETAIL_PAGES and not route.api_action == "detail"):
                continue  # an action this viewer may not run at all: checked by the write tests below
            if visible:
                ok = status == 200 if (route.bare_name in DETAIL_PAGES or route.api) else status in (200, 302)
            else:
                ok = status == 404
            if not ok:
                failures.append(f"{group} viewer, {variant} record: GET {url} -> {status} (visible: {visible})")
                continue
            body = _body(response)
            leaked = [m for m in hidden if m in body]
            if leaked:
                failures.append(f"{group} viewer, GET {url} shows hidden {leaked[:3]}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("route", WRITE_RECORD_ROUTES, ids=lambda r: r.id)
def test_writing_to_a_hidden_record_is_answered_as_missing(route, world, client_for):
    """An analyst of a group that may not see a record gets 404 (or 405) for every write to it, and
    nothing changes."""
    failures = []
    clients = {group: client_for("analyst", group) for group in GROUPS}
    before = snapshot()
    methods = ("post",) if route.is_action else ("put", "patch", "delete")
    for group, variant in HIDDEN_PAIRS:
        assert variant not in EXPECTED_VISIBLE[group]
        if True:
            url = url_for(route, world, variant)
            for method in methods:
                response = getattr(clients[group], method)(url, data="{}" if route.api else {},
                                                           **({"content_type": "application/json"} if route.api else {}))
                if response.status_code not in (404, 405):
                    failures.append(f"{group} analyst: {method.upper()} {url} ({variant}) -> {response.status_code}")
    assert not failures, "\n".join(failures)
    assert not changes(before, snapshot(), allow_new=False)


@pytest.mark.parametrize("route", [r for r in PLAIN_ROUTES if r.bare_name not in AUTH_ENDPOINTS], ids=lambda r: r.id)
def test_lists_pages_and_exports_hide_what_the_group_may_not_see(route, world, client_for):
    failures = []
    for group in GROUPS:
        response = client_for("viewer", group).get(url_for(route, world))
        # 403/405: a form or action this role may not open (checked by the write tests); never a leak.
        if response.status_code >= 500 or response.status_code in (401, 404):
            failures.append(f"{group} viewer: GET {route.name} -> {response.status_code}")
            continue
        body = _body(response)
        leaked = [m for m in _hidden_marks(group) if m in body]
        if leaked:
            failures.append(f"{group} viewer: {route.name} shows hidden {leaked[:4]}")
    assert not failures, "\n".join(failures)


API_LIST_KINDS = [k for k in KINDS if k not in REFERENCE_KINDS]


@pytest.mark.parametrize("kind", API_LIST_KINDS)
def test_api_lists_and_exports_hold_exactly_the_visible_records(kind, world, client_for):
    from .urlmap import KIND_MODEL_KEY

    model_key = KIND_MODEL_KEY.get(kind)
    assert model_key, f"add the API kind {kind!r} to the access matrix (KIND_MODEL_KEY in tests/security/urlmap.py)"
    ids = {v: world.record(model_key, v).pk for v in VARIANTS}
    failures = []
    for group in GROUPS:
        client = client_for("viewer", group)
        expected = {ids[v] for v in EXPECTED_VISIBLE[group]}
        listed = client.get(f"/api/{kind}/", {"limit": 1000})
        assert listed.status_code == 200, f"{kind} list for {group}: {listed.status_code} {listed.content[:200]}"
        got = {row["id"] for row in listed.json()["results"]} & set(ids.values())
        if got != expected:
            failures.append(f"/api/{kind}/ for {group}: {sorted(got)} != expected {sorted(expected)}")
        exported = client.get(f"/api/export/{kind}/", {"format": "json"})
        assert exported.status_code == 200, f"export {kind} for {group}: {exported.status_code}"
        rows = json.loads(_body(exported))
        rows = rows.get("records", rows.get("results", rows)) if isinstance(rows, dict) else rows
        got = {row["id"] for row in rows} & set(ids.values())
        if got != expected:
            failures.append(f"/api/export/{kind}/ for {group}: {sorted(got)} != expected {sorted(expected)}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("page", ["event_detail", "incident_detail", "events-detail"])
def test_a_party_never_reads_another_partys_internal_note(page, world, client_for):
    event = world.record("event", "joint")  # visible to both parties
    url = reverse(page, kwargs={"pk": event.pk})
    expected = {"operation": {"party_a", "party_b"}, "partner": set(), "party_a": {"party_a"}, "party_b": {"party_b"}}
    for group in ("operation", "partner", "party_a", "party_b"):
        response = client_for("viewer", group).get(url)
        if group == "partner":
            assert response.status_code == 404  # an internal record
            continue
        assert response.status_code == 200, f"{group}: {response.status_code}"
        body = _body(response)
        for party, note in NOTE_MARK.items():
            shown = note in body
            if page == "events-detail" and party in expected[group] and not shown:
                continue  # the API need not carry positions at all; it must only never leak them
            assert shown == (party in expected[group]), f"{group} on {url}: note of {party} shown={shown}"


def test_sitrep_shows_only_what_the_group_may_see(world, client_for):
    for group in GROUPS:
        response = client_for("viewer", group).get("/api/sitrep/", {"from": "2021-11-01", "to": "2021-11-30", "format": "md"})
        assert response.status_code == 200, f"{group}: {response.status_code} {_body(response)[:200]}"
        body = _body(response)
        leaked = [m for m in _hidden_marks(group) if m in body]
        assert not leaked, f"sitrep for {group} shows hidden {leaked[:4]}"


WRITE_EXEMPT = AUTH_ENDPOINTS | {"api-schema", "api-docs", "api-redoc"}


@pytest.mark.parametrize("route", [r for r in ROUTES if r.bare_name not in WRITE_EXEMPT and not r.is_format_variant],
                         ids=lambda r: r.id)
def test_viewers_cannot_write_anything(route, world, client_for):
    """A viewer's POST (and PUT/PATCH/DELETE on an API record) is refused with 403 (or 405 where the URL
    takes no such method) and changes nothing — whatever the viewer's organisation."""
    groups = ("operation", "party_a")
    clients = [client_for("viewer", group) for group in groups]
    before = snapshot()
    failures = []
    methods = ("put", "patch", "delete") if route.api_action == "detail" else ("post",)
    for client, group in zip(clients, groups, strict=True):
        url = url_for(route, world, "public")
        for method in methods:
            kwargs = {"content_type": "application/json"} if route.api else {}
            response = getattr(client, method)(url, data="{}" if route.api else {}, **kwargs)
            if response.status_code not in (403, 405):
                failures.append(f"{group} viewer: {method.upper()} {url} -> {response.status_code}")
    assert not failures, "\n".join(failures)
    assert not changes(before, snapshot(), allow_new=False)


@pytest.mark.parametrize("kind", sorted(REFERENCE_KINDS))
def test_reference_data_is_written_by_editors_not_analysts(kind, world, client_for):
    url = f"/api/{kind}/"
    analyst_client, editor_client = client_for("analyst", "operation"), client_for("editor", "operation")
    before = snapshot()
    analyst = analyst_client.post(url, data="{}", content_type="application/json")
    assert analyst.status_code == 403, f"analyst POST {url}: {analyst.status_code}"
    assert not changes(before, snapshot(), allow_new=False)
    editor = editor_client.post(url, data="{}", content_type="application/json")
    assert editor.status_code == 400, f"editor POST {url} with no fields should reach validation: {editor.status_code}"


def _admin_models(app_label: str) -> list[str]:
    return [m._meta.model_name for m in admin.site._registry if m._meta.app_label == app_label]


@pytest.mark.parametrize("role", ROLES)
def test_editors_reach_the_admins_reference_data(role, world, client_for):
    client = client_for(role, "operation")
    index = client.get("/admin/")
    reference = {name: client.get(f"/admin/reference/{name}/") for name in _admin_models("reference")}
    users = client.get("/admin/accounts/user/")
    assert reference, "no reference data is registered in the admin"
    if role in ("viewer", "analyst"):
        assert index.status_code == 302 and "/admin/login/" in index["Location"]
        assert all(r.status_code == 302 for r in reference.values())
        assert users.status_code == 302
    else:
        assert index.status_code == 200
        failing = {name: r.status_code for name, r in reference.items() if r.status_code != 200}
        assert not failing, f"{role} cannot open reference data in the admin: {failing}"
        for name in reference:
            add = client.get(f"/admin/reference/{name}/add/")
            assert add.status_code == 200, f"{role} cannot add {name} in the admin: {add.status_code}"
        assert users.status_code == (200 if role == "admin" else 403), f"{role} on user admin: {users.status_code}"


@pytest.mark.parametrize("role", ROLES)
def test_roles_match_pages_each_group_sees(role, world, client_for):
    """Role does not change visibility: every role of a group gets the same records from the API."""
    for group in GROUPS:
        response = client_for(role, group).get("/api/observations/", {"limit": 1000})
        assert response.status_code == 200
        ids = {row["id"] for row in response.json()["results"]}
        expected = {world.record("observation", v).pk for v in EXPECTED_VISIBLE[group]}
        assert ids & {world.record("observation", v).pk for v in VARIANTS} == expected, f"{role} of {group}"


def test_api_actions_have_no_format_suffix_twins_that_could_fail(world, client_for):
    # `.json` suffix routes are switched off (the @action methods take no `format`); `?format=json` remains.
    assert not [r for r in ROUTES if r.api and r.is_action and r.is_format_variant]
    client = client_for("analyst", "partner")
    before = snapshot()
    claim = world.record("claim", "internal") if hasattr(world, "record") else None
    pk = claim.pk if claim is not None else 1
    response = client.post(f"/api/claims/{pk}/accept.json", data="{}", content_type="application/json")
    assert response.status_code == 404
    assert not changes(before, snapshot(), allow_new=False)
