"""The audit log: who viewed, searched, changed, exported or deleted what in a citizen's record."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rehabplan.audit.change_labels import (
    ChangeRow,
    change_field_labels,
    change_rows,
    object_label,
)
from rehabplan.formats.text import moment_text
from rehabplan.organisation.scoping import MunicipalityQuerySet


class AuditAction(models.TextChoices):
    VIEW = "view", _("Visning")
    SEARCH = "search", _("Søgning")
    CREATE = "create", _("Oprettelse")
    CHANGE = "change", _("Ændring")
    EXPORT = "export", _("Udtræk")
    DELETE = "delete", _("Sletning")
    LOGIN = "login", _("Log ind")
    LOGIN_FAILED = "login_failed", _("Mislykket log ind")
    LOCKOUT = "lockout", _("Bruger spærret")
    UNLOCK = "unlock", _("Spærring ophævet")
    LOGOUT = "logout", _("Log af")


class AuditEntryQuerySet(MunicipalityQuerySet):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only")


class AuditEntry(models.Model):
    # Empty only for events outside any municipality: a failed login with an unknown user name.
    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("kommune"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("bruger"),
    )
    user_name = models.CharField(_("bruger"), max_length=150)
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    # Kept as plain values so the entry survives even if the record it describes is deleted.
    citizen_id = models.BigIntegerField(_("borger-id"), null=True, db_index=True)
    citizen_name = models.CharField(_("borger"), max_length=200, blank=True)
    action = models.CharField(_("handling"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("objekt"), max_length=60, blank=True)
    object_id = models.CharField(_("objekt-id"), max_length=60, blank=True)
    summary = models.CharField(_("beskrivelse"), max_length=300)
    search_term = models.CharField(_("søgeord"), max_length=200, blank=True)
    changes = models.JSONField(_("ændringer"), default=dict, blank=True)
    # A list page names every citizen it showed, so a read of many records is traced to each.
    shown_citizen_ids = models.JSONField(_("viste borgere"), default=list, blank=True)

    municipality_lookup = "municipality"
    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("logpost")
        verbose_name_plural = _("log over adgang")
        ordering = ["-at", "-id"]
        indexes = [
            # The log page: one municipality's entries, the newest first, a page at a time.
            models.Index(fields=["municipality", "-at", "-id"], name="audit_by_municipality_time"),
        ]

    def __str__(self) -> str:
        return f"{moment_text(self.at)} {self.user_name}: {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only")

    @property
    def change_rows(self) -> list[ChangeRow]:
        """The changes with each field named in Danish, for the log's pages."""
        return change_rows(self.object_type, self.changes)

    @property
    def changed_field_labels(self) -> list[str]:
        """The changed fields named in Danish, without their values, for the log's list."""
        return change_field_labels(self.object_type, self.changes)

    @property
    def object_label(self) -> str:
        """What kind of record the entry is about, in Danish."""
        return object_label(self.object_type)


class RetentionPermit(models.Model):
    """While a row exists here, the database lets entries of the audit log be deleted.

    The retention service inserts one and removes it inside its own transaction, so no other
    connection ever sees it; any other UPDATE or DELETE on the log is refused by the database.
    The table is made by migration 0003 and left out of Django's flush (unmanaged), so emptying
    the database cannot remove the permit before the log it guards.
    """

    reason = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("oprettet"))

    class Meta:
        verbose_name = _("tilladelse til sletning af log")
        verbose_name_plural = _("tilladelser til sletning af log")
        managed = False
        db_table = "audit_retentionpermit"

    def __str__(self) -> str:
        return self.reason
