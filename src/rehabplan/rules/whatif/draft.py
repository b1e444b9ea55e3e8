"""A draft standard as if it had been in force over the whole replay period."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from rehabplan.rules.errors import StandardError
from rehabplan.rules.loader import load_text
from rehabplan.rules.model import Municipality
from rehabplan.rules.registry import StandardsRegistry


def draft_registry(
    registry: StandardsRegistry,
    text: str,
    file_name: str,
    *,
    slug: str,
    kommunekode: int,
    since: dt.date,
) -> tuple[StandardsRegistry, str]:
    """`registry` with the draft taking the place of the municipality's standard.

    The draft's newest version is stretched back to `since`, so every case of the replay period
    is judged by it (with the national baseline in force on the case's own date). Raises
    `StandardError` with the loader's Danish message and line, also when the draft is for another
    municipality. Returns the registry and the draft version's id as the file names it.
    """
    municipality = load_text(text, file_name)
    if municipality.slug != slug or municipality.kommunekode != kommunekode:
        raise StandardError(
            f"udkastet gælder {municipality.name} ({municipality.slug}, kommunekode "
            f"{municipality.kommunekode}); du kan kun afprøve et udkast for din egen kommune "
            f"({slug}, kommunekode {kommunekode})",
            file=file_name,
            key="municipality.slug",
        )
    newest = max(municipality.versions, key=lambda version: version.effective_from)
    label = newest.id
    start = min(since, newest.effective_from)
    stretched = replace(newest, effective_from=start, effective_to=None)
    as_draft = Municipality(
        municipality.slug,
        municipality.kommunekode,
        municipality.name,
        municipality.file,
        (stretched,),
        municipality.sources,
    )
    return registry.with_municipality(as_draft), label
