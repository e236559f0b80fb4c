"""Security headers on every page and API answer, secure cookies outside debug, CSRF on every POST (both
generated from the URL configuration), and login throttling (django-axes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import Client
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from sitroom.accounts.models import User

from .conftest import changes, snapshot
from .urlmap import url_for, walk_routes

ROUTES = walk_routes()
CSRF_EXEMPT = {"api-token"}  # obtains a token from credentials; takes no session cookie


def _directives(policy: str) -> dict[str, list[str]]:
    found = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


def _check_headers(response, where: str) -> list[str]:
    problems = []
    policy = response.headers.get("Content-Security-Policy", "")
    directives = _directives(policy)
    script = directives.get("script-src", directives.get("default-src"))
    if script != ["'self'"]:
        problems.append(f"{where}: script-src is {script} (policy {policy!r})")
    if "'unsafe-inline'" in directives.get("style-src", []):
        problems.append(f"{where}: style-src allows inline styles")
    if directives.get("object-src") != ["'none'"]:
        problems.append(f"{where}: object-src is not 'none'")
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append(f"{where}: X-Content-Type-Options is {response.headers.get('X-Content-Type-Options')!r}")
    if response.headers.get("Referrer-Policy") not in ("same-origin", "strict-origin-when-cross-origin", "no-referrer"):
        problems.append(f"{where}: Referrer-Policy is {response.headers.get('Referrer-Policy')!r}")
    if response.headers.get("X-Frame-Options") != "DENY" and directives.get("frame-ancestors") != ["'none'"]:
        problems.append(f"{where}: the page may be framed")
    return problems


def _post_forms_without_token(html: str) -> list[str]:
    missing = []
    for form in HTMLParser(html).css("form"):
        if (form.attributes.get("method") or "get").lower() == "post" and not form.css_first("input[name=csrfmiddlewaretoken]"):
            missing.append(form.attributes.get("action") or "(this page)")
    return missing


@pytest.mark.parametrize("role", ["admin", "viewer", None])
def test_every_page_and_api_answer_sends_the_security_headers(role, world, client_for):
    """Every named URL, as an admin, a viewer and an anonymous visitor, including errors and redirects;
    every POST form on the pages carries a CSRF token."""
    client = client_for(role, "operation")
    problems = []
    for route in ROUTES:
        url = url_for(route, world)
        response = client.get(url)
        problems += _check_headers(response, f"{role} GET {url} ({response.status_code})")
        if response.status_code == 200 and response.headers.get("Content-Type", "").startswith("text/html"):
            body = b"".join(response.streaming_content) if response.streaming else response.content
            problems += [f"{role} GET {url}: POST form to {action} has no CSRF token"
                         for action in _post_forms_without_token(body.decode("utf-8", "replace"))]
    for url in ("/no-such-page/", "/records/events/999999/", "/api/events/999999/", "/static/no-such-file.js"):
        response = client.get(url)
        problems += _check_headers(response, f"{role} GET {url} ({response.status_code})")
    assert not problems, "\n".join(problems)


def _settings_in_a_fresh_process(env_changes: dict[str, str | None], tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SITROOM_DEBUG", "SITROOM_SECURE_COOKIES")}
    env["SITROOM_DATA_DIR"] = str(tmp_path)
    env.update({k: v for k, v in env_changes.items() if v is not None})
    code = ("import json, sitroom.settings as s; print(json.dumps({k: getattr(s, k) for k in ("
            "'DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE')}))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, timeout=60)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_cookies_are_secure_and_http_only_outside_debug(tmp_path):
    production = _settings_in_a_fresh_process({}, tmp_path)
    assert production == {"DEBUG": False, "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
                          "SESSION_COOKIE_HTTPONLY": True, "SESSION_COOKIE_SAMESITE": "Lax"}
    debug = _settings_in_a_fresh_process({"SITROOM_DEBUG": "1"}, tmp_path)
    assert debug["DEBUG"] is True and debug["SESSION_COOKIE_SECURE"] is False  # plain-HTTP development server
    forced = _settings_in_a_fresh_process({"SITROOM_DEBUG": "1", "SITROOM_SECURE_COOKIES": "1"}, tmp_path)
    assert forced["SESSION_COOKIE_SECURE"] is True


def _make_user(username: str = "throttled") -> User:
    user = User(username=username, role="analyst")
    user.set_password("the-right-password-1")
    user.save()
    return user


def test_the_session_cookie_set_at_login_is_secure_and_http_only(db, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True  # what production runs with
    _make_user()
    client = Client()
    client.get("/login/")
    response = client.post("/login/", {"username": "throttled", "password": "the-right-password-1"})
    assert response.status_code == 302
    session = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["secure"]


@pytest.mark.parametrize("route", [r for r in ROUTES if not r.is_format_variant and r.bare_name not in CSRF_EXEMPT],
                         ids=lambda r: r.id)
def test_every_post_without_a_csrf_token_is_refused(route, world):
    """A signed-in admin (who may do anything) posting without the CSRF token gets 403 from the CSRF check."""
    client = Client(enforce_csrf_checks=True)
    if route.bare_name != "login":
        client.force_login(world.user("admin", "operation"))
    before = snapshot()
    url = url_for(route, world)
    response = client.post(url, {"title": "x", "text": "1,200 people returned."})
    body = response.content.decode("utf-8", "replace")
    assert response.status_code == 403, f"POST {url}: {response.status_code} {body[:200]}"
    assert not changes(before, snapshot(), allow_new=False)
    if "CSRF" not in body:
        # A page that renders its errors tersely ("403 Forbidden"): the same POST with the token must get past
        # the 403, proving the refusal was the CSRF check. Only read-only pages get here (they answer 405).
        client.get("/login/" if route.bare_name == "login" else "/")
        control = client.post(url, {}, headers={"X-CSRFToken": client.cookies["csrftoken"].value})
        assert control.status_code != 403, f"POST {url} is refused even with the CSRF token"
        assert not changes(before, snapshot(), allow_new=False)


def test_six_wrong_passwords_lock_the_account_for_that_address_with_a_clear_message(db, settings):
    settings.AXES_ENABLED = True
    _make_user()
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for attempt in range(6):
        response = attacker.post("/login/", {"username": "throttled", "password": f"wrong-{attempt}"})
        assert response.status_code in (200, 429)
    locked = attacker.post("/login/", {"username": "throttled", "password": "the-right-password-1"})
    assert "_auth_user_id" not in attacker.session, "the right password still logs in from a locked address"
    page = locked.content.decode()
    assert locked.status_code == 429
    assert 'name="password"' in page, "the lockout should be shown on the login page"
    assert "too many failed" in page.lower() and "try again" in page.lower()
    # The same user from another address is not locked out.
    colleague = Client(REMOTE_ADDR="198.51.100.20")
    ok = colleague.post("/login/", {"username": "throttled", "password": "the-right-password-1"})
    assert ok.status_code == 302 and "_auth_user_id" in colleague.session


def test_a_few_wrong_passwords_then_the_right_one_still_log_in(db, settings):
    settings.AXES_ENABLED = True
    _make_user()
    client = Client(REMOTE_ADDR="203.0.113.8")
    for attempt in range(4):
        client.post("/login/", {"username": "throttled", "password": f"wrong-{attempt}"})
    response = client.post("/login/", {"username": "throttled", "password": "the-right-password-1"})
    assert response.status_code == 302 and "_auth_user_id" in client.session
