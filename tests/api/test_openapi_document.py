"""The OpenAPI document describes every operation completely and unambiguously."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections import defaultdict

from ninja import Schema

import rehabplan.api
from rehabplan.api.v1.app import api


def test_schema_names_are_unique_across_the_api():
    # The document keys its schemas by class name: two classes of one name would silently
    # share one description, and one of them would be described wrongly.
    modules = defaultdict(set)
    for info in pkgutil.walk_packages(rehabplan.api.__path__, "rehabplan.api."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, Schema)
                and value.__module__ == module.__name__
            ):
                modules[name].add(module.__name__)
    assert {name: found for name, found in modules.items() if len(found) > 1} == {}


def test_every_post_takes_an_idempotency_key_and_every_error_is_a_problem():
    document = api.get_openapi_schema()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "post":
                names = [parameter["name"] for parameter in operation.get("parameters", [])]
                assert "Idempotency-Key" in names, path
            for status, answer in operation["responses"].items():
                if int(status) >= 400:
                    assert list(answer["content"]) == ["application/problem+json"], (path, status)
            assert operation["summary"], path
            assert operation["tags"], path


def test_operation_ids_are_unique():
    document = api.get_openapi_schema()
    ids = [
        operation["operationId"]
        for item in document["paths"].values()
        for operation in item.values()
    ]
    assert len(ids) == len(set(ids))
