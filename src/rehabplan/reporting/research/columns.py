"""The export's columns in order, with their types: the CSV header, the Parquet schema and the
data dictionary (docs/research-export.md) all follow this one list."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from rehabplan.reference.outcome_tests import all_outcome_tests


@dataclass(frozen=True)
class Column:
    name: str
    arrow_type: pa.DataType

    @property
    def type_name(self) -> str:
        if pa.types.is_integer(self.arrow_type):
            return "integer"
        return "float" if pa.types.is_floating(self.arrow_type) else "string"


_FIXED = (
    Column("pseudonym", pa.string()),
    Column("age_band", pa.string()),
    Column("sex", pa.string()),
    Column("service_code", pa.string()),
    Column("service_name", pa.string()),
    Column("delivery_type", pa.string()),
    Column("diagnosis_chapters", pa.string()),
    Column("diagnosis_blocks", pa.string()),
    Column("start_month", pa.string()),
    Column("end_month", pa.string()),
    Column("status", pa.string()),
    Column("end_reason", pa.string()),
    Column("end_reason_name", pa.string()),
    Column("sessions_attended", pa.int64()),
    Column("no_shows", pa.int64()),
)


def outcome_test_columns(code: str) -> tuple[Column, Column, Column]:
    """The three columns of one outcome test: value at start, value at end, unit."""
    return (
        Column(f"{code}_start", pa.float64()),
        Column(f"{code}_end", pa.float64()),
        Column(f"{code}_unit", pa.string()),
    )


def export_columns() -> tuple[Column, ...]:
    """Every column of the export, in file order."""
    tests = tuple(
        column for test in all_outcome_tests() for column in outcome_test_columns(test.code)
    )
    return _FIXED + tests


def arrow_schema() -> pa.Schema:
    return pa.schema([pa.field(column.name, column.arrow_type) for column in export_columns()])
