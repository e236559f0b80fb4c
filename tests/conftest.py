"""Shared fixtures: the indicator catalogue, one organisation per access group and users per role.
Area-specific fixtures live in each area's conftest.py; keep this file small."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from sitroom.accounts.models import User
from sitroom.reference.models import Indicator, Organization
from sitroom.reference.services import DATA_DIR


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Test users' passwords need no protection; the production hasher costs ~1 s per user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def indicators(db) -> dict[str, Indicator]:
    """The shipped indicator catalogue (data/indicators.json), by code."""
    rows = json.loads((DATA_DIR / "indicators.json").read_text(encoding="utf-8"))
    for row in rows:
        Indicator.objects.get_or_create(code=row["code"], defaults={k: v for k, v in row.items() if k != "code"})
    return {i.code: i for i in Indicator.objects.all()}


@pytest.fixture
def orgs(db) -> dict[str, Organization]:
    """One organisation per access group: operation, partner, two parties, public."""
    spec = {
        "operation": ("test-operation", "Test response centre", "response_centre", "operation"),
        "partner": ("test-partner", "Test partner agency", "agency", "partner"),
        "party_a": ("test-party-a", "Test party A", "party", "party"),
        "party_b": ("test-party-b", "Test party B", "party", "party"),
        "public": ("test-public", "Test newspaper", "media", "public"),
    }
    return {
        name: Organization.objects.get_or_create(key=key, defaults={"name": title, "kind": kind, "access_group": group})[0]
        for name, (key, title, kind, group) in spec.items()
    }


@pytest.fixture
def user_of(orgs) -> Callable[..., User]:
    """Make a user: user_of("analyst", org="partner")."""
    made: dict[tuple[str, str | None], User] = {}

    def make(role: str, *, org: str | None = "operation", username: str | None = None) -> User:
        key = (role, org)
        if username is None and key in made:
            return made[key]
        user = User.objects.create_user(
            username=username or f"{role}-{org or 'none'}", password="a-long-test-password", role=role,
            organization=orgs[org] if org else None,
        )
        made[key] = user
        return user

    return make


@pytest.fixture
def viewer_user(user_of) -> User:
    return user_of("viewer")


@pytest.fixture
def analyst_user(user_of) -> User:
    """An analyst of the operation itself (sees everything)."""
    return user_of("analyst")


@pytest.fixture
def editor_user(user_of) -> User:
    return user_of("editor")


# ---- Playwright (sync API) driving Debian's chromium against pytest-django's live server ----------------
# One session-wide browser for every package (a second sync_playwright in the same process would fail).
# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "browser"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, settings):
    # The live server speaks plain HTTP: cookies cannot be Secure-only here.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture
def shot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
