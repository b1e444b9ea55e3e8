"""Where the front-end packages come from and where their files go."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]
VENDOR_DIR = Path(__file__).resolve().parent / "assets" / "vendor"

# (path under node_modules, path under the vendor folder)
ASSET_FILES = (
    ("dkfds/dist/css", "dkfds/css"),
    ("dkfds/dist/js", "dkfds/js"),
    ("dkfds/dist/fonts", "dkfds/fonts"),
    ("dkfds/dist/img", "dkfds/img"),
    ("htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"),
    ("chart.js/dist/chart.umd.min.js", "chartjs/chart.umd.min.js"),
)


def assets_are_built() -> bool:
    return all((VENDOR_DIR / target).exists() for _source, target in ASSET_FILES)
