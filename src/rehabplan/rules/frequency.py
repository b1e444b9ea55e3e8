"""Once-a-year style limits, checked against the date of the citizen's last grant."""

from __future__ import annotations

import datetime as dt

from rehabplan.rules.calendar import add_months
from rehabplan.rules.danish import long_date
from rehabplan.rules.facts import Facts
from rehabplan.rules.model import Rule
from rehabplan.rules.results import LimitCheck


def check_limit(rule: Rule | None, facts: Facts, on: dt.date, service: str) -> LimitCheck:
    if rule is None:
        return LimitCheck(
            "not_applicable",
            None,
            None,
            None,
            None,
            "Standarden begrænser ikke, hvor ofte indsatsen kan bevilges.",
        )
    times, period = rule.params["times"], rule.params["period"]
    if facts.last_grant is None:
        return LimitCheck(
            "unknown",
            times,
            period,
            None,
            None,
            "Det er ikke oplyst, hvornår indsatsen sidst blev bevilget.",
        )
    last = facts.last_grant.get(service)
    if last is None:
        return LimitCheck(
            "met", times, period, None, None, "Borgeren har ikke tidligere fået indsatsen bevilget."
        )
    if period == "calendar_year":
        next_possible = dt.date(last.year + 1, 1, 1)
        window = "samme kalenderår"
    else:
        next_possible = add_months(last, 12)
        window = "de seneste 12 måneder"
    if on >= next_possible:
        return LimitCheck(
            "met",
            times,
            period,
            last,
            next_possible,
            f"Sidste bevilling {long_date(last)} ligger uden for {window}.",
        )
    return LimitCheck(
        "unmet",
        times,
        period,
        last,
        next_possible,
        f"Indsatsen blev bevilget {long_date(last)} ({window}); næste bevilling tidligst "
        f"{long_date(next_possible)}.",
    )
