"""`rehabplan manage exercises_check`: an author checks new exercise files before shipping."""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.management import call_command

from rehabplan.exercises.library import LIBRARY_FOLDER, load_library


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("exercises_check", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_the_shipped_library_is_in_order():
    code, out, _ = _run()
    assert code == 0
    assert out.strip() == f"{len(load_library())} øvelser er i orden"


def test_a_folder_with_a_broken_file_names_the_file_and_key(tmp_path):
    shutil.copy(LIBRARY_FOLDER / "legs_strength.toml", tmp_path / "legs_strength.toml")
    code, out, _ = _run(str(tmp_path))
    assert code == 0 and "øvelser er i orden" in out
    broken = (
        (tmp_path / "legs_strength.toml").read_text("utf-8").replace("level = 1", "level = 7", 1)
    )
    (tmp_path / "legs_strength.toml").write_text(broken, "utf-8")
    code, out, err = _run(str(tmp_path))
    assert code == 2 and not out
    assert "fil legs_strength.toml" in err and "level" in err and "skal være mellem 1 og 3" in err


@pytest.mark.parametrize("name", ["missing", "empty"])
def test_a_folder_without_files_is_refused(tmp_path, name):
    folder = tmp_path / "missing" if name == "missing" else tmp_path
    code, _, err = _run(str(folder))
    assert code == 2
    assert "findes ikke" in err or "ingen øvelsesfiler" in err
