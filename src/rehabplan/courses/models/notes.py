"""Append-only clinical notes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from rehabplan.formats.text import moment_text
from rehabplan.organisation.scoping import MunicipalityQuerySet

# A journal note is a note, not a document: ten thousand characters is some four pages of text.
NOTE_MAX_LENGTH = 10_000
# Notes longer than this are shown folded on the pages that list notes, the first lines visible.
NOTE_FOLD_LINES = 3
NOTE_FOLD_CHARACTERS = 300


def note_too_long_message() -> str:
    return _("Notatet må højst være %(limit)s tegn.") % {
        "limit": f"{NOTE_MAX_LENGTH:,}".replace(",", ".")
    }


def check_note_length(text: str, field: str = "text") -> None:
    """Raise a ValidationError in Danish, on `field`, when a note's text is over the limit."""
    if len(text.strip()) > NOTE_MAX_LENGTH:
        raise ValidationError({field: [note_too_long_message()]})


class AppendOnlyQuerySet(MunicipalityQuerySet):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Clinical notes are append-only; write a correcting note")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Clinical notes are append-only; write a correcting note")


class NoteKind(models.TextChoices):
    GENERAL = "general", _("Notat")
    SESSION = "session", _("Træningsnotat")
    INTAKE = "intake", _("Opstartssamtale")
    CLOSING = "closing", _("Afslutningssamtale")
    ASSESSMENT = "assessment", _("Vurdering")
    PHONE = "phone", _("Telefonsamtale")
    RELATIVE = "relative", _("Samtale med pårørende")


# The kinds a therapist chooses for a note of her own on the course, not tied to a session.
STANDALONE_NOTE_KINDS = (NoteKind.GENERAL, NoteKind.PHONE, NoteKind.RELATIVE)


class ClinicalNote(models.Model):
    """A journal note, never changed: a correction is a new note pointing to the one it corrects."""

    citizen = models.ForeignKey("citizens.Citizen", on_delete=models.PROTECT, related_name="notes")
    course = models.ForeignKey(
        "courses.Course", on_delete=models.PROTECT, null=True, blank=True, related_name="notes"
    )
    session = models.ForeignKey(
        "courses.Session", on_delete=models.PROTECT, null=True, blank=True, related_name="notes"
    )
    kind = models.CharField(_("type"), max_length=12, choices=NoteKind.choices, default="general")
    text = models.TextField(_("tekst"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("retter"),
    )

    municipality_lookup = "citizen__municipality"
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("journalnotat")
        verbose_name_plural = _("journalnotater")
        ordering = ["-written_at", "-id"]
        indexes = [
            # The course page's notes, a page at a time, the newest first.
            models.Index(fields=["course", "-written_at", "-id"], name="note_by_course_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {moment_text(self.written_at)}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Clinical notes are append-only; write a correcting note")
        # Every service writes notes through here, inside its transaction: an over-long note
        # fails the whole operation, so nothing is half-written.
        check_note_length(self.text)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Clinical notes are append-only; write a correcting note")

    @property
    def is_long(self) -> bool:
        return len(self.text) > NOTE_FOLD_CHARACTERS or self.text.count("\n") >= NOTE_FOLD_LINES

    @property
    def opening(self) -> str:
        """The first lines of the note: the summary of a folded long note."""
        lines = "\n".join(self.text.splitlines()[:NOTE_FOLD_LINES])
        if len(lines) > NOTE_FOLD_CHARACTERS:
            lines = lines[:NOTE_FOLD_CHARACTERS].rsplit(" ", 1)[0]
        return lines + " …"
