"""`rehabplan manage packages_check` reports the shipped packages in order, and refuses a broken
folder in Danish with exit status 2."""

from __future__ import annotations

import shutil

import pytest
from django.core.management import CommandError, call_command

from rehabplan.exercises.packages import PACKAGES_FOLDER, load_catalogue


def test_the_shipped_packages_are_in_order(capsys):
    call_command("packages_check")
    assert capsys.readouterr().out.strip() == f"{len(load_catalogue())} pakker er i orden."


def test_a_broken_package_file_is_refused_with_exit_status_2(tmp_path):
    for path in PACKAGES_FOLDER.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    broken = tmp_path / "aerobic_mild_alzheimers.toml"
    broken.write_text(
        broken.read_text("utf-8").replace('key = "sit_to_stand"', 'key = "moon_walk"'), "utf-8"
    )
    with pytest.raises(CommandError) as caught:
        call_command("packages_check", "--mappe", str(tmp_path))
    assert caught.value.returncode == 2
    assert "findes ikke i øvelsesbiblioteket" in str(caught.value)


def test_too_few_packages_are_refused(tmp_path):
    shutil.copy(PACKAGES_FOLDER / "aerobic_mild_alzheimers.toml", tmp_path)
    with pytest.raises(CommandError, match="der skal være mindst 6") as caught:
        call_command("packages_check", "--mappe", str(tmp_path))
    assert caught.value.returncode == 2
