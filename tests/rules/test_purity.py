"""The rules core must run without Django (it is used on the command line and in workers)."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import rehabplan.rules
import rehabplan.rules.cli
import rehabplan.reference
from rehabplan.rules import default_registry, deadlines
import datetime
deadlines(default_registry(), "varde", "SEL86-2", granted=datetime.date(2026, 3, 2))
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"django", "highspy"})
print(",".join(heavy))
"""


def test_rules_package_imports_no_django_or_solver():
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
