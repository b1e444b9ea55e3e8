"""Danish wording shared by the engine's explanations."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
EVENTS = {
    "discharge": "udskrivningen",
    "received": "modtagelsen af henvendelsen",
    "granted": "bevillingen",
    "decided": "afgørelsen",
    "gop_start": "genoptræningsplanens starttidspunkt",
    "decision_received": "borgerens modtagelse af afgørelsen",
}
UNITS = {"calendar_days": "kalenderdage", "working_days": "hverdage", "weeks": "uger"}
KINDS = {"contact": "Kontakt", "decision": "Afgørelse", "start": "Start"}
MODES = {"team": "hold", "individual": "individuel", "home": "i hjemmet", "video": "video"}


def day_text(day: dt.date) -> str:
    """ "2. december 2026", the one way dates are written in text (as rehabplan/formats/da)."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def long_date(day: dt.date) -> str:
    return f"{WEEKDAYS[day.weekday()]} den {day.day}. {MONTHS[day.month - 1]} {day.year}"


def mid_sentence(name: str) -> str:
    """A service name as written in the standard ("Vedligeholdende træning"), lower-cased for
    the middle of a sentence unless it starts with an abbreviation ("KOL-forløb")."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name


# The engine and the standards describe the citizen in the third person, for staff; a letter to
# the citizen says "du". Ordered: the specific turns of phrase before the plain word.
_TO_CITIZEN = (
    (re.compile(r"\bfor borgere, der\b"), "for dig, hvis du"),
    (re.compile(r"\bBorgere omfattet af (.+?) får\b"), r"Er du omfattet af \1, får du"),
    (re.compile(r"\b([Vv]oksne) borgere\b"), r"\1"),
    (re.compile(r"\bgiver ikke borgeren\b"), "giver dig ikke"),
    (
        re.compile(r"\b(for|til|med|om|af|hos|over|giver|tilbyder|kontakter|indkalder) borgeren\b"),
        r"\1 dig",
    ),
    (re.compile(r"\bborgerens (seneste )?(forløb|behov|hjem)\b"), r"dit \1\2"),
    (re.compile(r"\bBorgerens\b"), "Din"),
    (re.compile(r"\bborgerens\b"), "din"),
    (re.compile(r"\bBorgeren\b"), "Du"),
    (re.compile(r"\bborgeren\b"), "du"),
)


def to_citizen(text: str) -> str:
    """A sentence about "borgeren" said to the citizen: "Borgeren er 72 år." -> "Du er 72 år."."""
    for pattern, replacement in _TO_CITIZEN:
        text = pattern.sub(replacement, text)
    return text
