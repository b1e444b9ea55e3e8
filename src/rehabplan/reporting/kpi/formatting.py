"""Figures written the Danish way: thousands with a point, decimals with a comma, "87,5 %"."""

from __future__ import annotations

from rehabplan.reporting.kpi.figures import ValueKind

EMPTY = "–"  # no figure (nothing to count): a dash, never a zero that was not counted


def danish_number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    # Python writes 1,234.5; Danish is 1.234,5.
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def display_value(value: str | int | float | None, kind: ValueKind) -> str:
    """The figure as the page shows it."""
    if value is None or value == "":
        return EMPTY
    if kind == ValueKind.TEXT:
        return str(value)
    if kind == ValueKind.COUNT:
        return danish_number(float(value), 0)
    if kind == ValueKind.PERCENT:
        return f"{danish_number(float(value), 1)} %"
    return danish_number(float(value), 1)


def chart_value(value: str | int | float | None, kind: ValueKind) -> float | None:
    """The figure as the chart plots it: a plain number, or None for a gap."""
    if value is None or value == "" or kind == ValueKind.TEXT:
        return None
    return float(value)
