"""Danish wording shared by the engine's explanations."""

from __future__ import annotations

import datetime as dt

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


def long_date(day: dt.date) -> str:
    return f"{WEEKDAYS[day.weekday()]} den {day.day}. {MONTHS[day.month - 1]} {day.year}"


def mid_sentence(name: str) -> str:
    """A service name as written in the standard ("Vedligeholdende træning"), lower-cased for
    the middle of a sentence unless it starts with an abbreviation ("KOL-forløb")."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name
