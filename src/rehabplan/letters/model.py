"""A letter as plain data: what a citizen, GP or hospital receives from the training unit.

The content (decisions, plans, status reports) is composed elsewhere; this model only knows
the parts every letter has, so one renderer serves them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

_MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip


def format_danish_date(day: dt.date) -> str:
    """ "3. december 2026", the way Danish letters write dates."""
    return f"{day.day}. {_MONTHS[day.month - 1]} {day.year}"


def _tuple(values: Iterable) -> tuple:
    return tuple(values)


@dataclass(frozen=True)
class SenderBlock:
    """Who writes: the municipality and the unit, with contact details for questions."""

    municipality: str
    unit: str = ""
    address_lines: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "address_lines", _tuple(self.address_lines))

    @property
    def lines(self) -> tuple[str, ...]:
        contact = []
        if self.phone:
            contact.append(f"Telefon {self.phone}")
        if self.email:
            contact.append(self.email)
        return tuple(
            line for line in (self.municipality, self.unit, *self.address_lines, *contact) if line
        )


@dataclass(frozen=True)
class Recipient:
    name: str
    address_lines: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "address_lines", _tuple(self.address_lines))


@dataclass(frozen=True)
class Table:
    """A small table with optional column headings, e.g. test results at start and end."""

    rows: tuple[tuple[str, ...], ...]
    headings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        rows = tuple(tuple(row) for row in self.rows)
        headings = _tuple(self.headings)
        widths = {len(row) for row in rows} | ({len(headings)} if headings else set())
        if len(widths) > 1:
            raise ValueError("Alle rækker i en tabel skal have lige mange kolonner.")
        object.__setattr__(self, "rows", rows)
        object.__setattr__(self, "headings", headings)


@dataclass(frozen=True)
class Section:
    """A heading followed by paragraphs, then optionally bullets, key-value pairs and a table."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    key_values: tuple[tuple[str, str], ...] = ()
    table: Table | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "paragraphs", _tuple(self.paragraphs))
        object.__setattr__(self, "bullets", _tuple(self.bullets))
        object.__setattr__(
            self, "key_values", tuple((key, value) for key, value in self.key_values)
        )


@dataclass(frozen=True)
class Letter:
    sender: SenderBlock
    recipient: Recipient
    date: dt.date
    title: str
    sections: tuple[Section, ...] = ()
    salutation: str = ""
    references: tuple[tuple[str, str], ...] = ()
    closing: tuple[str, ...] = ()
    footer: str = ""
    subject: str = ""

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise ValueError("Et brev skal have en titel.")
        object.__setattr__(self, "sections", _tuple(self.sections))
        object.__setattr__(self, "references", tuple((k, v) for k, v in self.references))
        object.__setattr__(self, "closing", _tuple(self.closing))

    @property
    def date_text(self) -> str:
        return format_danish_date(self.date)
