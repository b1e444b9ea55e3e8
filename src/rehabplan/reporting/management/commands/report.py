"""`rehabplan report <kind> ...`: the reports that leave the unit, one subcommand each.

Each kind lives in its own module with `configure(parser)` and `run(options, stdout) -> int`,
so the command stays a dispatcher and the work stays in the reporting services.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

# subcommand -> module with configure(parser) and run(options, stdout)
REPORT_KINDS = {
    "kl-gateway": "rehabplan.reporting.klgateway.command",
    "research": "rehabplan.reporting.research.command",
}


def _available_kinds() -> dict[str, str]:
    """The kinds whose module is installed; a kind still being built is left out."""
    return {
        kind: module_name
        for kind, module_name in REPORT_KINDS.items()
        if importlib.util.find_spec(module_name.rsplit(".", 1)[0]) is not None
    }


class Command(BaseCommand):
    help = "Byg en rapport: KL Gateway §140-indberetning eller forskningsudtræk."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="rapport")
        for kind, module_name in _available_kinds().items():
            module = importlib.import_module(module_name)
            sub = kinds.add_parser(kind, help=module.HELP, called_from_command_line=True)
            module.configure(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        module = importlib.import_module(REPORT_KINDS[options["kind"]])
        exit_code = module.run(options, self.stdout)
        if exit_code:
            raise CommandError(f"rapporten '{options['kind']}' mislykkedes", returncode=exit_code)
