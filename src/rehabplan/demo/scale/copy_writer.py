"""Rows straight into a table, in chunks: COPY on PostgreSQL, plain INSERTs elsewhere.

The generator makes millions of rows; model objects and `save()` would take hours. Rows are
tuples in the order of the writer's fields, ids are handed out here (so rows can point at each
other before they are written), and after the run the tables' sequences are moved past the
highest id. On PostgreSQL the values go to COPY as Python values (psycopg adapts them); on
SQLite, which only has to work for the tests' small runs, each value goes through its field's
own conversion first, exactly as the ORM would store it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models

CHUNK_ROWS = 20_000


class EncodedJson(str):
    """A JSON value already encoded (the same large value written on many rows)."""


class TableWriter:
    """Buffered writer for one model's table; `add` a row, `close` at the end."""

    def __init__(self, model: type[models.Model], field_names: Sequence[str]) -> None:
        self.model = model
        self.fields = [model._meta.get_field(name) for name in field_names]
        self.columns = [field.column for field in self.fields]
        self.json_positions = [
            index for index, field in enumerate(self.fields) if isinstance(field, models.JSONField)
        ]
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0
        self._next_id = _highest_id(model) + 1

    def new_id(self) -> int:
        """An id for a row of this table not yet written (rows point at each other by it)."""
        new = self._next_id
        self._next_id += 1
        return new

    def add(self, row: tuple[Any, ...]) -> None:
        self.rows.append(row)
        if len(self.rows) >= CHUNK_ROWS:
            self.flush()

    def add_many(self, rows: Iterable[tuple[Any, ...]]) -> None:
        for row in rows:
            self.add(row)

    def flush(self) -> None:
        if not self.rows:
            return
        rows = [self._encoded(row) for row in self.rows] if self.json_positions else self.rows
        if connection.vendor == "postgresql":
            _copy(self.model._meta.db_table, self.columns, rows)
        else:
            self._insert(rows)
        self.written += len(self.rows)
        self.rows = []

    def close(self) -> int:
        self.flush()
        return self.written

    def _encoded(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        values = list(row)
        for index in self.json_positions:
            if not isinstance(values[index], EncodedJson):
                values[index] = json.dumps(values[index], ensure_ascii=False)
        return tuple(values)

    def _insert(self, rows: list[tuple[Any, ...]]) -> None:
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(column) for column in self.columns)
        marks = ", ".join(["%s"] * len(self.columns))
        prepared = [
            tuple(
                value if index in self.json_positions else field.get_db_prep_save(value, connection)
                for index, (field, value) in enumerate(zip(self.fields, row, strict=True))
            )
            for row in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", prepared)


def _copy(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper
        with raw.copy(f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _highest_id(model: type[models.Model]) -> int:
    highest = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return highest or 0


def reset_sequences(models_written: Iterable[type[models.Model]]) -> None:
    """Move each table's id sequence past the ids written here, so the product's own inserts
    go on from there."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_written))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
