"""`rehabplan report <kind> ...`: the reports that leave the unit, one subcommand each.

Each kind lives in its own module with `configure(parser)` and `run(options, stdout) -> int`,
so the command stays a dispatcher and the work stays in the reporting services.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

# subcommand -> module with configure(parser) and run(options, stdout)
REPORT_KINDS = {
    "kl-gateway": "rehabplan.reporting.klgateway.command",
    "research": "rehabplan.reporting.research.command",
    "dagstal": "rehabplan.reporting.daily.command",
}


class Command(BaseCommand):
    help = (
        "Byg en rapport: KL Gateway §140-indberetning eller forskningsudtræk; "
        "eller optæl nøgletallenes tal pr. dag."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="rapport")
        for kind, module_name in REPORT_KINDS.items():
            module = importlib.import_module(module_name)
            sub = kinds.add_parser(kind, help=module.HELP, called_from_command_line=True)
            module.configure(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        module = importlib.import_module(REPORT_KINDS[options["kind"]])
        exit_code = module.run(options, self.stdout)
        if exit_code:
            raise CommandError(f"rapporten '{options['kind']}' mislykkedes", returncode=exit_code)
