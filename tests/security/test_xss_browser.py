"""No script from a report ever runs in a page: reports, titles, outlets and records carrying script tags,
event handlers and javascript: URLs are stored, then every page that shows them is opened in chromium.
No dialog may open, no injected global may be set, and no element from a payload may exist in the DOM
(the CSP would block an injected inline script; the DOM check catches the escaping bug behind it)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from browser.conftest import _vendor_assets  # noqa: F401  (browser and page come from tests/conftest.py)
from sitroom.accounts.models import User
from sitroom.evidence.services.ingest import source_ingest
from sitroom.operations.models import Event, Observation
from sitroom.reference.models import Indicator, Organization, Place

from .hostile import SCRIPT_HTML, SCRIPT_TEXT

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOAD = '<img src=x onerror="window.__pwned=1;alert(9)"><script>window.__pwned=1;alert(8)</script><svg onload="window.__pwned=1">'
DOM_PROBE = """() => ({
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  handlers: document.querySelectorAll('[onerror],[onload],[onclick],[onmouseover]').length,
  jsLinks: document.querySelectorAll('a[href^="javascript:"],iframe[src^="javascript:"]').length,
  iframes: document.querySelectorAll('iframe').length,
  inlineScripts: Array.from(document.scripts).filter(s => !s.src && s.type !== 'application/json').map(s => s.textContent.slice(0, 60)),
  foreignScripts: Array.from(document.scripts).filter(s => s.src && !new URL(s.src).pathname.startsWith('/static/')).map(s => s.src),
})"""


@pytest.fixture
def hostile_operation(db):
    org = Organization.objects.create(key="xss-centre", name="XSS test centre", kind="response_centre", access_group="operation")
    analyst = User(username="xss-analyst", role="analyst", organization=org)
    analyst.set_password("a-long-test-password")
    analyst.save()
    indicator = Indicator.objects.get_or_create(code="people.returned", defaults={"name": "People returned", "unit": "people"})[0]
    place = Place.objects.create(key="xss-town", name=f"Town {PAYLOAD}", kind="town", lat=39.8, lon=46.7)
    html = source_ingest(data=SCRIPT_HTML.encode(), filename="evil.html", user=analyst, sensitivity="public",
                         metadata={"title": f"Title {PAYLOAD}", "outlet": f"Outlet {PAYLOAD}", "url": "https://example.org/x"})
    text = source_ingest(data=SCRIPT_TEXT.encode(), filename="evil.txt", user=analyst, sensitivity="public",
                         metadata={"title": "<script>window.__pwned=1</script>"})
    observation = Observation.objects.create(indicator=indicator, value=1200, date=dt.date(2021, 11, 21), place=place,
                                             what=f"returned {PAYLOAD}", note=PAYLOAD, qualifier="<b>",
                                             sensitivity="public", source=html.source, verification="verified")
    event = Event.objects.create(kind="incident", incident_kind="shooting", title=f"Shooting {PAYLOAD}", description=PAYLOAD,
                                 date=dt.date(2021, 11, 21), sensitivity="public", actors_text=PAYLOAD)
    event.places.set([place])
    return {"analyst": analyst, "sources": [html.source, text.source], "observation": observation, "event": event}


def test_no_script_from_a_report_runs_in_any_page(page, live_server, hostile_operation):  # noqa: F811
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill("xss-analyst")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")

    world = hostile_operation
    paths = ["/", "/sources/", "/review/", "/review/next/", "/records/observations/", "/records/events/", "/timeline/",
             "/map/", "/incidents/", f"/records/observations/{world['observation'].pk}/",
             f"/records/events/{world['event'].pk}/", f"/incidents/{world['event'].pk}/", "/indicators/people.returned/"]
    paths += [f"/sources/{s.pk}/" for s in world["sources"]]
    problems = []
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        assert response is not None and response.status < 500, f"{path}: {response and response.status}"
        found = page.evaluate(DOM_PROBE)
        if found["pwned"] is not None:
            problems.append(f"{path}: an injected script ran (window.__pwned={found['pwned']})")
        for key in ("handlers", "jsLinks", "iframes"):
            if found[key]:
                problems.append(f"{path}: {found[key]} injected {key}")
        if found["inlineScripts"] or found["foreignScripts"]:
            problems.append(f"{path}: scripts not from /static/: {found['inlineScripts'] + found['foreignScripts']}")
    blocked = [m for m in page.console_errors if "Content Security Policy" in m or "Refused to" in m]
    assert not dialogs, f"dialogs opened: {dialogs}"
    assert not problems, "\n".join(problems)
    assert not blocked, f"the CSP had to block injected content: {blocked[:3]}"
