from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rehabplan.rules import default_registry
from rehabplan.rules.registry import shipped_standards_dir


@pytest.fixture(scope="session")
def registry():
    return default_registry()


@pytest.fixture
def standards_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped standards, to break on purpose."""
    folder = tmp_path / "standards"
    shutil.copytree(shipped_standards_dir(), folder)
    return folder
