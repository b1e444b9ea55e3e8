"""`rehabplan manage exercises_check [folder]`: checks exercise files before they are shipped.

Reads every `*.toml` in the folder (the shipped library by default) exactly as the product does
and prints how many exercises are in order, or the first error naming the file and key (exit 2).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rehabplan.exercises.errors import DataFileError
from rehabplan.exercises.library import LIBRARY_FOLDER, load_library


class Command(BaseCommand):
    help = "Tjek øvelsesfiler: alle *.toml i mappen (standard: det indbyggede øvelsesbibliotek)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", nargs="?", default=str(LIBRARY_FOLDER))

    def handle(self, *args: Any, folder: str, **options: Any) -> None:
        path = Path(folder)
        if not path.is_dir():
            self.stderr.write(f"Mappen {folder} findes ikke.")
            sys.exit(2)
        if not any(path.glob("*.toml")):
            self.stderr.write(f"Mappen {folder} har ingen øvelsesfiler (*.toml).")
            sys.exit(2)
        try:
            library = load_library(path)
        except DataFileError as error:
            self.stderr.write(f"Fejl i øvelsesfilerne: {error}")
            sys.exit(2)
        count = len(library)
        self.stdout.write(f"{count} {'øvelse er' if count == 1 else 'øvelser er'} i orden")
