"""No screen or selector reads citizen data without starting from the municipality scope.

The web layer and every selector module are parsed; a read of a citizen-data model must start
with `Model.objects.for_user(...)` or `Model.objects.of_municipality(...)`. Reads through a
related manager of an object fetched that way (`citizen.consents`) are scoped by their parent.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.apps import apps

from rehabplan.citizens.models import Citizen
from rehabplan.organisation.scoping import SCOPING_METHODS, is_scoped_model

SRC = Path(__file__).resolve().parents[2] / "src" / "rehabplan"
MANAGER_NAMES = {"objects", "_default_manager", "_base_manager"}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}
# Models with no route to a citizen that still hold citizen data: a session lists its
# participants, a planning proposal names the courses it places, a what-if result names citizens.
CITIZEN_DATA_WITHOUT_FOREIGN_KEY = {
    "courses.Session",
    "scheduling.PlanProposal",
    "whatif.WhatIfRun",
}


# The admin site scopes its own querysets (web/admin/scoping.py, tested in tests/admin): only a
# superuser reaches citizen data there, across municipalities by design.
ADMIN_PACKAGE = SRC / "web" / "admin"


def checked_modules() -> list[Path]:
    web = sorted(path for path in (SRC / "web").rglob("*.py") if ADMIN_PACKAGE not in path.parents)
    selectors = sorted(SRC.glob("*/selectors*.py")) + sorted(SRC.glob("*/selectors/*.py"))
    assert SRC / "courses" / "selectors" / "intake.py" in selectors
    return web + selectors


def scoped_model_names() -> set[str]:
    return {model.__name__ for model in apps.get_models() if is_scoped_model(model)}


def unscoped_reads(source: str, models: set[str]) -> list[str]:
    problems = []
    for node in ast.walk(ast.parse(source)):
        # Model.objects.<method>: the method must be one of the scoping methods.
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr in MANAGER_NAMES
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id in models
            and node.attr not in SCOPING_METHODS
        ):
            problems.append(
                f"line {node.lineno}: {node.value.value.id}.{node.value.attr}.{node.attr}"
            )
        # get_object_or_404(Model, ...) reads the whole table.
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in SHORTCUTS
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in models
        ):
            problems.append(f"line {node.lineno}: {node.func.id}({node.args[0].id}, ...)")
    return problems


def _reaches_citizen(model, seen=()) -> bool:
    if model is Citizen:
        return True
    for field in model._meta.get_fields():
        target = field.related_model if field.many_to_one or field.one_to_one else None
        if (
            field.concrete
            and target is not None
            and target not in seen
            and target is not model
            and _reaches_citizen(target, (*seen, model))
        ):
            return True
    return False


def test_every_model_with_citizen_data_has_the_municipality_scope():
    unscoped = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label not in {"auth", "admin", "contenttypes", "sessions"}
        and (_reaches_citizen(model) or model._meta.label in CITIZEN_DATA_WITHOUT_FOREIGN_KEY)
        and not is_scoped_model(model)
    ]
    assert unscoped == []


def test_screens_and_selectors_read_citizen_data_only_through_the_scope():
    models = scoped_model_names()
    assert {"Citizen", "Attendance", "Referral", "AuditEntry"} <= models
    problems = {}
    for path in checked_modules():
        found = unscoped_reads(path.read_text(encoding="utf-8"), models)
        if found:
            problems[str(path.relative_to(SRC))] = found
    assert problems == {}


def test_the_check_catches_an_unscoped_read():
    models = scoped_model_names()
    assert unscoped_reads("Attendance.objects.get(pk=1)", models)
    assert unscoped_reads("Referral.objects.filter(status='new')", models)
    assert unscoped_reads("get_object_or_404(Citizen, pk=1)", models)
    assert not unscoped_reads("Attendance.objects.for_user(user).get(pk=1)", models)
    assert not unscoped_reads("Therapist.objects.filter(active=True)", models)
