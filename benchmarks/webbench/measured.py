"""What a benchmark ran against: the commit and the database's size, for the report's heading."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def commit() -> str:
    found = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return found or "?"


def row_counts() -> str:
    """The rows of the tables that make the pages slow or fast, e.g. "1,011,063 sessions"."""
    from rehabplan.audit.models import AuditEntry
    from rehabplan.citizens.models import Citizen
    from rehabplan.courses.models import Attendance, Course, Referral, Session

    return ", ".join(
        f"{model.objects.count():,} {name}"
        for name, model in (
            ("citizens", Citizen),
            ("referrals", Referral),
            ("courses", Course),
            ("sessions", Session),
            ("attendance rows", Attendance),
            ("audit rows", AuditEntry),
        )
    )
