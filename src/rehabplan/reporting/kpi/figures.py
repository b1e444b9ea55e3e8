"""The shapes every dashboard section hands to the page: filters in, tables of figures out.

A section (`Section`) is one page of the dashboard. It turns the leader's filters into tables;
each table is shown as a chart (when it has one) and always as a table, exported as CSV and XLSX,
and every figure that counts cases carries the drill-down that lists those cases.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from django.db.models import QuerySet


@dataclass(frozen=True)
class KpiFilters:
    """What the leader chose: always a municipality and a period (both days included)."""

    municipality_id: int
    period_start: datetime.date
    period_end: datetime.date
    location_id: int | None = None
    service_code: str = ""
    team_class_id: int | None = None
    therapist_id: int | None = None


class ValueKind(StrEnum):
    """How a column's values are written: the page and the exports format by kind."""

    TEXT = "text"
    COUNT = "count"  # whole number
    PERCENT = "percent"  # 0-100, one decimal
    DAYS = "days"  # a number of days, one decimal
    NUMBER = "number"  # any other measure, one decimal


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # Danish column heading
    kind: ValueKind


@dataclass(frozen=True)
class Cell:
    """One figure. `cases` is the drill-down to the cases behind it (empty when none), as the
    query parameters the section's `cases` understands."""

    value: str | int | float | None
    cases: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ChartSpec:
    """A chart over the table: one bar or line per value column, labelled by `label_column`."""

    kind: Literal["bar", "line"]
    label_column: str
    value_columns: tuple[str, ...]
    stacked: bool = False


@dataclass(frozen=True)
class KpiTable:
    key: str  # unique within the section; used in the export's file name and address
    title: str  # Danish
    description: str  # Danish: what is counted and how, shown under the title
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    chart: ChartSpec | None = None


@dataclass(frozen=True)
class CaseList:
    """The cases behind a figure: referrals or courses, already scoped to the municipality."""

    title: str  # Danish: which figure these cases make up
    referrals: QuerySet | None = None
    courses: QuerySet | None = None


class UnknownDrilldown(ValueError):
    """A drill-down parameter the section does not know, or a record outside the municipality:
    the page answers "not found" (404), never another municipality's cases."""


class Section(Protocol):
    key: str  # in the address: /statistik/<key>/
    title: str  # Danish: the page's title and its tab

    def tables(self, filters: KpiFilters) -> list[KpiTable]: ...

    def cases(self, drilldown: dict[str, str], filters: KpiFilters) -> CaseList: ...
