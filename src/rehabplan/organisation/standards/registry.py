"""The installation's registry: the shipped standards plus the newest upload of each municipality.

Several workers on several machines serve one installation, so uploads live in the database, not
on local disk. Each process keeps the registry it built and, on every call, asks the database for
the newest upload (one query on the primary key index). Uploads are only ever added, so the newest
row changes exactly when the set of standards changes; then the registry is built again. Its time
is part of the check too, because SQLite hands out the id of a rolled-back row again. Parsing and
checking every file again on each request would cost milliseconds; this check costs a lookup.

A web request asks once: `registry_per_request` (the middleware around every request) keeps the
registry the first call of the request found, so a list of fifty rows that each name their
service costs one check, not fifty. An upload forgets it, so the request that stored a new
standard sees it at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from rehabplan import rules
from rehabplan.organisation.models import MunicipalStandard
from rehabplan.rules.loader import load_text

_lock = threading.Lock()
_cached: tuple[Any, rules.StandardsRegistry] | None = None
# The registry of the request being served (a dict with at most the key "registry"), or None
# outside a request: then every call checks the database.
_this_request: ContextVar[dict[str, rules.StandardsRegistry] | None] = ContextVar(
    "standards_registry_of_this_request", default=None
)


@contextmanager
def registry_per_request() -> Iterator[None]:
    """Within the block, the registry is checked against the database at most once."""
    token = _this_request.set({})
    try:
        yield
    finally:
        _this_request.reset(token)


def forget_request_registry() -> None:
    """The set of standards changed: the rest of the request asks the database again."""
    kept = _this_request.get()
    if kept is not None:
        kept.clear()


def newest_upload_marker() -> tuple[Any, ...] | None:
    """What identifies the set of uploads: the newest row's id and time, or None for no upload."""
    return MunicipalStandard.objects.order_by("-id").values_list("id", "uploaded_at").first()


def current_uploads() -> list[MunicipalStandard]:
    """The newest upload of each municipality: the standards that take the shipped ones' place."""
    newest_ids: dict[int, int] = {}
    for municipality_id, upload_id in MunicipalStandard.objects.values_list(
        "municipality_id", "id"
    ):
        newest_ids[municipality_id] = max(upload_id, newest_ids.get(municipality_id, 0))
    return list(
        MunicipalStandard.objects.filter(id__in=newest_ids.values())
        .select_related("municipality")
        .order_by("id")
    )


def build_registry(uploads: list[MunicipalStandard]) -> rules.StandardsRegistry:
    """The shipped standards with `uploads` in place of the files with the same slug.

    Every upload passed the start-up checks when it was stored; building checks them again, so a
    shipped baseline that changed under them is reported with the file, key and line.
    """
    return rules.default_registry().with_municipalities(
        load_text(upload.text, upload.file_name) for upload in uploads
    )


def installation_registry() -> rules.StandardsRegistry:
    """The standards this installation serves; built once per process, again after an upload."""
    kept = _this_request.get()
    if kept is not None:
        if "registry" not in kept:
            kept["registry"] = _checked_registry()
        return kept["registry"]
    return _checked_registry()


def _checked_registry() -> rules.StandardsRegistry:
    global _cached
    # Read the marker before the rows: a registry is never cached under a newer marker than the
    # rows it was built from (at worst it is built once more).
    marker = newest_upload_marker()
    cached = _cached
    if cached is not None and cached[0] == marker:
        return cached[1]
    with _lock:
        cached = _cached
        if cached is not None and cached[0] == marker:
            return cached[1]
        registry = rules.default_registry() if marker is None else build_registry(current_uploads())
        _cached = (marker, registry)
        return registry
