"""Browser tests: the Playwright fixtures (browser, page, shot) live in tests/conftest.py, so that one
chromium session serves every package that drives a browser; here only the vendored-assets check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _vendor_assets():
    """The map and charts need the vendored libraries (npm ci + scripts/vendor_assets.py)."""
    vendor = Path(__file__).resolve().parents[2] / "src" / "sitroom" / "web" / "static" / "vendor" / "leaflet" / "leaflet.js"
    if not vendor.exists() and shutil.which("npm") is None:
        pytest.skip("front-end assets are not installed (npm ci && python3 scripts/vendor_assets.py)")
