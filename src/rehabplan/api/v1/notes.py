"""Clinical notes (notater) on a course: read them, write one, correct one with a new note.

Notes are append-only: a correction is a new note pointing to the one it corrects, and both stay."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from rehabplan.api.auth import require
from rehabplan.api.moments import local
from rehabplan.api.pagination import PageParams
from rehabplan.api.problems import problem_responses
from rehabplan.api.schemas import In, PathId
from rehabplan.api.v1.course_pages import course_page
from rehabplan.courses.models import ClinicalNote, NoteKind
from rehabplan.courses.models.notes import NOTE_MAX_LENGTH
from rehabplan.courses.selectors.course import course_get, course_notes, note_get
from rehabplan.courses.services.notes import note_correct, note_write_standalone

router = Router()
VIEW = "courses.view_course"
DOCUMENT = "courses.document_course"


class NoteOut(Schema):
    id: int
    course_id: int | None
    session_id: int | None = Field(description="Aftalen, et træningsnotat er skrevet på")
    kind: NoteKind
    text: str
    author: str = Field(description="Forfatterens navn")
    written_at: datetime.datetime
    corrects_note_id: int | None = Field(description="Notatet, dette notat retter")
    is_corrected: bool = Field(description="Sand når et senere notat retter dette")


class NotePage(Schema):
    items: list[NoteOut]
    next_cursor: str | None


class NoteIn(In):
    kind: NoteKind = Field(
        NoteKind.GENERAL,
        description="general, phone eller relative; de andre typer skrives af forløbets egne trin",
    )
    text: str = Field(min_length=1, max_length=NOTE_MAX_LENGTH)


class CorrectionIn(In):
    text: str = Field(min_length=1, max_length=NOTE_MAX_LENGTH, description="Den rettede tekst")


def note_out(note: ClinicalNote, *, is_corrected: bool = False) -> dict[str, Any]:
    return {
        "id": note.pk,
        "course_id": note.course_id,
        "session_id": note.session_id,
        "kind": note.kind,
        "text": note.text,
        "author": note.author.display_name,
        "written_at": local(note.written_at),
        "corrects_note_id": note.corrects_id,
        "is_corrected": getattr(note, "is_corrected", is_corrected),
    }


@router.get(
    "/courses/{course_id}/notes",
    response={200: NotePage, **problem_responses(400, 401, 403, 404, 422, 429)},
    summary="Forløbets journalnotater, side for side",
    description="Notaterne i den rækkefølge, de er skrevet. Visningen logges på borgeren.",
)
def list_notes(request: HttpRequest, course_id: PathId, page: PageParams):
    return course_page(
        request,
        course_id,
        page,
        listing="notes",
        rows=course_notes,
        item=note_out,
        summary=_("Forløbets notater vist via API"),
    )


@router.post(
    "/courses/{course_id}/notes",
    response={201: NoteOut, **problem_responses(400, 401, 403, 404, 422, 429)},
    summary="Skriv et journalnotat på forløbet",
    description="Et notat, der ikke hører til en aftale: et notat, en telefonsamtale eller en "
    "samtale med pårørende.",
)
def write_note(request: HttpRequest, course_id: PathId, note: NoteIn):
    user = require(request, DOCUMENT)
    course = course_get(user=user, course_id=course_id)
    written = note_write_standalone(user=user, course=course, text=note.text, kind=note.kind)
    return Status(201, note_out(written))


@router.post(
    "/notes/{note_id}/corrections",
    response={201: NoteOut, **problem_responses(400, 401, 403, 404, 422, 429)},
    summary="Ret et journalnotat",
    description="Rettelsen er et nyt notat, der peger på det rettede; det oprindelige bevares.",
)
def correct_note(request: HttpRequest, note_id: PathId, correction: CorrectionIn):
    user = require(request, DOCUMENT)
    note = note_get(user=user, note_id=note_id)
    corrected = note_correct(user=user, note=note, text=correction.text)
    return Status(201, note_out(corrected))
