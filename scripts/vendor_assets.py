#!/usr/bin/env python3
"""Copy the front-end libraries installed by `npm ci` into src/sitroom/web/static/vendor/ (gitignored).

sitroom serves every asset itself (no CDN at run time, strict CSP). Run after `npm ci`:

    npm ci && python3 scripts/vendor_assets.py

Exit status 0 when every file was copied, 2 when node_modules is missing or incomplete (the message says
which file and what to run)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "src" / "sitroom" / "web" / "static" / "vendor"

# (file or directory under node_modules, destination under static/vendor)
ASSETS = [
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet/dist/images", "leaflet/images"),
    ("leaflet/LICENSE", "leaflet/LICENSE"),
    ("chart.js/dist/chart.umd.js", "chartjs/chart.umd.js"),
    ("chart.js/LICENSE.md", "chartjs/LICENSE.md"),
]


def main() -> int:
    missing = [src for src, _ in ASSETS if not (NODE_MODULES / src).exists()]
    if missing:
        sys.stderr.write(
            f"vendor_assets: {NODE_MODULES / missing[0]} is missing; run `npm ci` in {ROOT} first\n"
        )
        return 2
    for src, dest in ASSETS:
        source, target = NODE_MODULES / src, VENDOR / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)
    sys.stdout.write(f"vendor_assets: copied {len(ASSETS)} assets into {VENDOR}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
