"""The error a malformed exercise, template or package file raises."""

from __future__ import annotations


class DataFileError(ValueError):
    """A data file breaks its schema; the Danish message names the file and the key."""

    def __init__(self, message: str, *, file: str | None = None, key: str | None = None) -> None:
        self.file = file
        self.key = key
        where = []
        if file:
            where.append(f"fil {file}")
        if key:
            where.append(f"nøgle {key}")
        prefix = f"{', '.join(where)}: " if where else ""
        super().__init__(prefix + message)
