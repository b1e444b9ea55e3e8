"""Append-only clinical notes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.scoping import MunicipalityQuerySet


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

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.written_at:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Clinical notes are append-only; write a correcting note")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Clinical notes are append-only; write a correcting note")
