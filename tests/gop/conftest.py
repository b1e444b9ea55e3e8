from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "gop"


@pytest.fixture
def gop_file():
    def read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return read
