"""A planning run leaves nothing behind in module-level caches: a task worker that plans
week after week does not grow with every problem it has seen."""

from __future__ import annotations

import importlib
import pkgutil

import rehabplan.planning
from rehabplan.planning import plan
from rehabplan.planning.generator import GeneratorSettings, generate


def _module_caches() -> dict[str, int]:
    sizes = {}
    for module_info in pkgutil.walk_packages(rehabplan.planning.__path__, "rehabplan.planning."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if callable(getattr(value, "cache_info", None)):
                sizes[f"{module_info.name}.{name}"] = value.cache_info().currsize
    return sizes


def test_no_module_level_cache_grows_from_one_run_to_the_next():
    plan(generate(GeneratorSettings(inhabitants=20_000, seed=1)), "optimiser", time_limit_s=5)
    after_first = _module_caches()
    for seed in (2, 3):
        plan(generate(GeneratorSettings(inhabitants=20_000, seed=seed)), "optimiser", 5)
    assert _module_caches() == after_first
