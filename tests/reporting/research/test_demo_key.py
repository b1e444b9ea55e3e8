"""The demo makes its research key once into var/, outside the repository, and uses it."""

from __future__ import annotations

import os
import stat

from rehabplan.cli import (
    RESEARCH_KEY_FILE,
    _prepare_demo_environment,
    _use_demo_key_if_present,
)
from rehabplan.reporting.research.key import KEY_VARIABLE, MINIMUM_KEY_LENGTH, research_key


def test_the_demo_generates_its_key_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in (KEY_VARIABLE, "SECRET_KEY", "SECURE_COOKIES"):
        monkeypatch.delenv(name, raising=False)
    _prepare_demo_environment()
    key_file = tmp_path / "var" / RESEARCH_KEY_FILE
    key = key_file.read_text().strip()
    assert len(key) >= MINIMUM_KEY_LENGTH
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert os.environ[KEY_VARIABLE] == key
    assert research_key() == key.encode()

    monkeypatch.delenv(KEY_VARIABLE)
    _prepare_demo_environment()
    assert os.environ[KEY_VARIABLE] == key  # the same key on the next start

    # Other commands run in the demo's folder (rehabplan report research) use it too.
    monkeypatch.delenv(KEY_VARIABLE)
    _use_demo_key_if_present()
    assert os.environ[KEY_VARIABLE] == key


def test_a_key_in_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("SECURE_COOKIES", raising=False)
    monkeypatch.setenv(KEY_VARIABLE, "the-operators-own-key-" + "y" * 20)
    _prepare_demo_environment()
    assert os.environ[KEY_VARIABLE].startswith("the-operators-own-key-")


def test_the_key_file_is_ignored_by_git():
    from pathlib import Path

    ignored = (Path(__file__).resolve().parents[3] / ".gitignore").read_text().splitlines()
    assert "var/" in ignored
