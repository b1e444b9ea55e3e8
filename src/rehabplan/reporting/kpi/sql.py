"""The SQL the dashboard aggregates with, the same on PostgreSQL and SQLite.

PostgreSQL has the median (`percentile_cont`) and date subtraction built in; SQLite has neither,
so the reporting app gives each SQLite connection a median aggregate and days are counted with
`julianday`. Figures are computed in the database either way, never by loading the rows.
"""

from __future__ import annotations

import statistics
from typing import Any

from django.db.models import Aggregate, F, FloatField, Func
from django.db.models.expressions import Expression

SQLITE_MEDIAN = "rehabplan_median"


class Median(Aggregate):
    """The median of a numeric expression (the mean of the middle two for an even count)."""

    name = "Median"
    output_field = FloatField()
    allow_distinct = False

    def __init__(self, expression: Any, **extra: Any) -> None:
        super().__init__(expression, output_field=FloatField(), **extra)

    def _values(self, compiler: Any) -> tuple[str, tuple]:
        """The expression's SQL, NULL where the filter (if any) leaves a row out."""
        inner, params = compiler.compile(self.get_source_expressions()[0])
        if self.filter is not None:
            condition, condition_params = compiler.compile(self.filter)
            inner = f"CASE WHEN {condition} THEN {inner} ELSE NULL END"
            params = (*condition_params, *params)
        return inner, tuple(params)

    def as_sql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        inner, params = self._values(compiler)
        return f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {inner})", params

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        inner, params = self._values(compiler)
        return f"{SQLITE_MEDIAN}({inner})", params


class DaysBetween(Func):
    """Whole days from `start` to `end` (two date columns or expressions): end minus start."""

    output_field = FloatField()

    def __init__(self, end: str | Expression, start: str | Expression) -> None:
        end_expression = F(end) if isinstance(end, str) else end
        start_expression = F(start) if isinstance(start, str) else start
        super().__init__(end_expression, start_expression, output_field=FloatField())

    def as_sql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        end, end_params = compiler.compile(self.source_expressions[0])
        start, start_params = compiler.compile(self.source_expressions[1])
        return f"(({end})::date - ({start})::date)", (*end_params, *start_params)

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        end, end_params = compiler.compile(self.source_expressions[0])
        start, start_params = compiler.compile(self.source_expressions[1])
        return (
            f"(julianday(date({end})) - julianday(date({start})))",
            (*end_params, *start_params),
        )


class _SqliteMedian:
    """SQLite's aggregate protocol: step per row, finalize once."""

    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value: float | None) -> None:
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        return statistics.median(self.values) if self.values else None


def install_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver: gives a new SQLite connection the median aggregate."""
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate(SQLITE_MEDIAN, 1, _SqliteMedian)
