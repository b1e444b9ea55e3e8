"""Counting related rows per row of a list in the list's own query."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_per_row(rows: QuerySet, by: str) -> Coalesce:
    """How many of `rows` belong to each outer row, as one correlated subquery (0 for none).
    `rows` is filtered on `OuterRef`; `by` is its field that points at the outer row. A join
    with `Count` would count every related row the outer one ever had before filtering."""
    counted = rows.order_by().values(by).annotate(counted=Count("pk")).values("counted")
    return Coalesce(Subquery(counted), 0)
