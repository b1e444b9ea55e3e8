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
