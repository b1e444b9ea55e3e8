"""Age in 5-year bands and sex from the CPR number: enough for analysis, no birth date."""

from __future__ import annotations

import datetime

BAND_WIDTH = 5
# Few people are older; one open band keeps small cells from pointing at a person.
TOP_BAND_START = 95


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def age_band(birth_date: datetime.date, day: datetime.date) -> str:
    """ "65-69" for an age of 65 to 69 on `day`; "95+" from 95."""
    age = age_on(birth_date, day)
    if age >= TOP_BAND_START:
        return f"{TOP_BAND_START}+"
    first = age - age % BAND_WIDTH
    return f"{first}-{first + BAND_WIDTH - 1}"


def sex_from_cpr(cpr: str) -> str:
    """ "M" (mand) for an odd last digit, "K" (kvinde) for an even one, as the CPR registry
    assigns them."""
    last = cpr.strip()[-1]
    return "M" if int(last) % 2 else "K"
