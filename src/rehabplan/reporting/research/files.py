"""The export as a file: CSV (UTF-8, comma, dot as decimal point) or Parquet, same columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from rehabplan.reporting.models import ResearchExportFormat
from rehabplan.reporting.research.columns import arrow_schema, export_columns

CONTENT_TYPES = {
    ResearchExportFormat.CSV: "text/csv; charset=utf-8",
    ResearchExportFormat.PARQUET: "application/vnd.apache.parquet",
}


def _csv_value(value: Any) -> Any:
    # An empty cell for a missing value; numbers in their plain form for any statistics tool.
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return value


def csv_bytes(rows: Iterable[dict[str, Any]]) -> bytes:
    names = [column.name for column in export_columns()]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_csv_value(row[name]) for name in names])
    return buffer.getvalue().encode("utf-8")


def parquet_bytes(rows: Iterable[dict[str, Any]]) -> bytes:
    table = pa.Table.from_pylist(list(rows), schema=arrow_schema())
    buffer = io.BytesIO()
    # Uncompressed, so that a check of the file's bytes for names or CPR numbers (the tests do
    # it) sees every value as it is; research extracts are small enough.
    pq.write_table(table, buffer, compression="none")
    return buffer.getvalue()


def export_file(rows: Iterable[dict[str, Any]], file_format: str) -> bytes:
    if file_format == ResearchExportFormat.PARQUET:
        return parquet_bytes(rows)
    return csv_bytes(rows)


def file_name(*, municipality_slug: str, first_day: Any, last_day: Any, file_format: str) -> str:
    period = f"{first_day:%Y%m%d}-{last_day:%Y%m%d}"
    return f"forskningsudtraek-{municipality_slug}-{period}.{file_format}"
