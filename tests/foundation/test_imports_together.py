"""Every module of the product imports into one process.

Two native libraries that each bring their own copy of a shared library (as OR-Tools and
highspy both did with HiGHS) fail only when both are loaded together, which no test of one
module sees. A fresh interpreter imports every module, solver included, and uses the solver.
"""

from __future__ import annotations

import os
import subprocess
import sys

CHECK = """
import importlib
import pkgutil

import django

django.setup()

import rehabplan

failed = []
for module in pkgutil.walk_packages(rehabplan.__path__, "rehabplan."):
    try:
        importlib.import_module(module.name)
    except Exception as error:
        failed.append(f"{module.name}: {type(error).__name__}: {error}")

import highspy

solver = highspy.Highs()
solver.setOptionValue("output_flag", False)
print("\\n".join(failed) if failed else "ok")
"""


def test_every_module_and_the_solver_import_in_one_process():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True,
        text=True,
        timeout=180,
        env=environment,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "ok", result.stdout
