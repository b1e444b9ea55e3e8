"""Checked reading of one TOML table: unknown keys, missing keys and wrong types are errors."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from rehabplan.exercises.errors import DataFileError

KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_TYPE_NAMES = {str: "tekst", int: "heltal", bool: "true/false", list: "liste", dict: "tabel"}


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(f"ugyldig TOML ({error})", file=path.name) from None


class Table:
    """One table of a data file, read key by key; `where` is its path for error messages."""

    def __init__(self, raw: Any, file: str, where: str, allowed: set[str]) -> None:
        self.file = file
        self.where = where
        if not isinstance(raw, dict):
            raise self.error("skal være en tabel", "")
        unknown = sorted(set(raw) - allowed)
        if unknown:
            raise self.error(f"ukendt nøgle (tilladt: {', '.join(sorted(allowed))})", unknown[0])
        self.raw = raw

    def error(self, message: str, key: str) -> DataFileError:
        path = f"{self.where}.{key}" if self.where and key else (self.where or key)
        return DataFileError(message, file=self.file, key=path or None)

    def has(self, key: str) -> bool:
        return key in self.raw

    def _typed(self, key: str, kind: type, default: Any) -> Any:
        if key not in self.raw:
            if default is _REQUIRED:
                raise self.error("mangler", key)
            return default
        value = self.raw[key]
        if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            raise self.error(
                f"skal være {_TYPE_NAMES.get(kind, kind.__name__)}, fik {value!r}", key
            )
        return value

    def text(self, key: str, default: Any = None, *, max_length: int = 2000) -> str:
        value = self._typed(key, str, _REQUIRED if default is None else default)
        value = value.strip()
        if default is None and not value:
            raise self.error("må ikke være tom", key)
        if len(value) > max_length:
            raise self.error(f"højst {max_length} tegn", key)
        return value

    def slug(self, key: str) -> str:
        value = self.text(key, max_length=60)
        if not KEY.match(value):
            raise self.error("skal være små bogstaver a-z, cifre og _", key)
        return value

    def integer(self, key: str, minimum: int, maximum: int, default: Any = None) -> Any:
        value = self._typed(key, int, _REQUIRED if default is None else default)
        if value is None:
            return None
        if not minimum <= value <= maximum:
            raise self.error(f"skal være mellem {minimum} og {maximum}, fik {value}", key)
        return value

    def optional_integer(self, key: str, minimum: int, maximum: int) -> int | None:
        if key not in self.raw:
            return None
        return self.integer(key, minimum, maximum)

    def texts(self, key: str, *, required: bool = True, max_length: int = 600) -> tuple[str, ...]:
        values = self._typed(key, list, _REQUIRED if required else [])
        if required and not values:
            raise self.error("skal have mindst ét punkt", key)
        result = []
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                raise self.error("hvert punkt skal være en tekst", f"{key}[{index}]")
            if len(value) > max_length:
                raise self.error(f"højst {max_length} tegn", f"{key}[{index}]")
            result.append(value.strip())
        return tuple(result)

    def choices(
        self, key: str, allowed: dict[str, str], *, required: bool = True
    ) -> tuple[str, ...]:
        values = self.texts(key, required=required, max_length=60)
        for index, value in enumerate(values):
            if value not in allowed:
                raise self.error(
                    f"ukendt værdi {value!r} (tilladt: {', '.join(allowed)})", f"{key}[{index}]"
                )
        if len(set(values)) != len(values):
            raise self.error("en værdi står to gange", key)
        return values

    def choice(self, key: str, allowed: dict[str, str]) -> str:
        value = self.text(key, max_length=60)
        if value not in allowed:
            raise self.error(f"ukendt værdi {value!r} (tilladt: {', '.join(allowed)})", key)
        return value

    def table(self, key: str, allowed: set[str], *, required: bool = True) -> Table | None:
        if key not in self.raw:
            if required:
                raise self.error("mangler", key)
            return None
        return Table(
            self.raw[key], self.file, f"{self.where}.{key}" if self.where else key, allowed
        )

    def tables(self, key: str, allowed: set[str], *, required: bool = True) -> list[Table]:
        values = self._typed(key, list, _REQUIRED if required else [])
        if required and not values:
            raise self.error("skal have mindst én", key)
        base = f"{self.where}.{key}" if self.where else key
        return [
            Table(value, self.file, f"{base}[{index}]", allowed)
            for index, value in enumerate(values)
        ]


_REQUIRED = object()
