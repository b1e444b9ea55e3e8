"""Clinical notes are append-only: a correction is a new note pointing to the one it corrects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.models import ClinicalNote, Course, NoteKind, Session
from rehabplan.courses.models.notes import STANDALONE_NOTE_KINDS, check_note_length

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


@transaction.atomic
def note_write(
    *,
    user: User,
    course: Course,
    text: str,
    kind: str = NoteKind.GENERAL,
    session: Session | None = None,
) -> ClinicalNote:
    if not text.strip():
        raise ValidationError({"text": [_("Notatet er tomt.")]})
    check_note_length(text)
    if kind not in NoteKind.values:
        raise ValidationError({"kind": [_("Ukendt notattype.")]})
    note = ClinicalNote.objects.create(
        citizen=course.citizen,
        course=course,
        session=session,
        kind=kind,
        text=text.strip(),
        author=user,
    )
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=course.citizen,
        target=note,
        summary=_("Journalnotat skrevet (%s)") % note.get_kind_display().lower(),
    )
    return note


@transaction.atomic
def note_write_standalone(*, user: User, course: Course, text: str, kind: str) -> ClinicalNote:
    """A note on the course tied to no session: a phone call, a talk with a relative."""
    if kind not in STANDALONE_NOTE_KINDS:
        raise ValidationError({"kind": [_("Vælg typen af notat.")]})
    return note_write(user=user, course=course, text=text, kind=kind)


@transaction.atomic
def note_correct(*, user: User, note: ClinicalNote, text: str) -> ClinicalNote:
    """Write a correcting note; the original stays as it was, and both are shown."""
    if not text.strip():
        raise ValidationError({"text": [_("Skriv den rettede tekst.")]})
    check_note_length(text)
    if text.strip() == note.text:
        raise ValidationError({"text": [_("Rettelsen er den samme som det oprindelige notat.")]})
    correction = ClinicalNote.objects.create(
        citizen=note.citizen,
        course=note.course,
        session=note.session,
        kind=note.kind,
        text=text.strip(),
        author=user,
        corrects=note,
    )
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=note.citizen,
        target=correction,
        summary=_("Journalnotat rettet med et nyt notat"),
        changes={"corrects": note.pk},
    )
    return correction
