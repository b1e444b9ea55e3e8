"""A dashboard table as a file: CSV for Danish Excel, or XLSX with typed cells.

Both start with the Danish column labels. CSV is `;`-separated with a decimal comma and a
byte-order mark, which is what Excel set to Danish opens without a wizard; numbers carry no
thousands separator so Excel reads them as numbers. XLSX cells hold numbers as numbers.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from rehabplan.reporting.kpi.figures import KpiTable, ValueKind

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_MAX = 31  # Excel's limit on a sheet name


def _csv_value(value: str | int | float | None, kind: ValueKind) -> str:
    if value is None:
        return ""
    if kind == ValueKind.TEXT:
        return str(value)
    if kind == ValueKind.COUNT:
        return str(int(value))
    return f"{float(value):.1f}".replace(".", ",")


def table_csv(table: KpiTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.label for column in table.columns])
    for row in table.rows:
        writer.writerow(
            [
                _csv_value(cell.value, column.kind)
                for cell, column in zip(row, table.columns, strict=True)
            ]
        )
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _xlsx_value(value: str | int | float | None, kind: ValueKind) -> str | int | float | None:
    if value is None or kind == ValueKind.TEXT:
        return value
    return int(value) if kind == ValueKind.COUNT else round(float(value), 1)


def table_xlsx(table: KpiTable) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "".join(c for c in table.title if c not in "[]:*?/\\")[:SHEET_TITLE_MAX]
    sheet.append([column.label for column in table.columns])
    for row in table.rows:
        sheet.append(
            [
                _xlsx_value(cell.value, column.kind)
                for cell, column in zip(row, table.columns, strict=True)
            ]
        )
    # A number shown with one decimal; percentages are stored as 0-100, as on the page.
    for index, column in enumerate(table.columns, start=1):
        if column.kind in (ValueKind.PERCENT, ValueKind.DAYS, ValueKind.NUMBER):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "0.0"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
