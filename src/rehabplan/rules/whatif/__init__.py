"""What-if: replay a draft standard over a municipality's history beside the standard in force.

Pure Python like the rest of the rules core; the product turns its records into `HistoricCase`
values and shows the `ReplayResult`.
"""

from rehabplan.rules.whatif.cases import HistoricCase
from rehabplan.rules.whatif.draft import draft_registry
from rehabplan.rules.whatif.replay import Replay, replay

__all__ = ["HistoricCase", "Replay", "draft_registry", "replay"]
