"""A municipality's adapted training packages, and which package a course or a class follows.

The national packages are data files (`rehabplan.exercises.packages`) and never change here. A
municipality copies one into a `LocalPackage` and adapts it in numbered versions; each version
keeps its whole content in the file's shape and the reason for every change from the national
package. A course or a team class points at the national package (key and version) and, when
adapted, at the local version it follows, so a usage report can tell them apart.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rehabplan.exercises.vocabulary import DEMENTIA_TYPES, LIVING, PHASES
from rehabplan.organisation.scoping import MunicipalityQuerySet

PACKAGE_KEY_MAX_LENGTH = 60

DementiaType = models.TextChoices("DementiaType", [(k, (k, v)) for k, v in DEMENTIA_TYPES.items()])
DementiaPhase = models.TextChoices("DementiaPhase", [(k, (k, v)) for k, v in PHASES.items()])
Living = models.TextChoices("Living", [(k, (k, v)) for k, v in LIVING.items()])


class LocalPackage(models.Model):
    """A municipality's own package, copied from a national package and adapted in versions."""

    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.PROTECT,
        related_name="local_packages",
        verbose_name=_("kommune"),
    )
    national_key = models.CharField(_("national pakke"), max_length=PACKAGE_KEY_MAX_LENGTH)
    name = models.CharField(_("navn"), max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("lokal træningspakke")
        verbose_name_plural = _("lokale træningspakker")
        ordering = ["name"]
        permissions = [("adapt_localpackage", _("Kan tilpasse træningspakker til kommunen"))]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="local_package_name_unique",
                violation_error_message=_("Kommunen har allerede en lokal pakke med det navn."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class LocalPackageVersion(models.Model):
    """One version of a local package: its whole content, and why it differs from the national."""

    local_package = models.ForeignKey(
        LocalPackage,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("lokal pakke"),
    )
    number = models.PositiveSmallIntegerField(_("version"))
    national_version = models.PositiveSmallIntegerField(_("bygger på national version"))
    # The package in the data file's shape (`TrainingPackage.to_mapping`).
    content = models.JSONField(_("indhold"))
    # One entry per difference from the national package: field, label, national and local
    # value as shown, and the reason given.
    changes = models.JSONField(_("ændringer og begrundelser"), default=list)
    note = models.TextField(_("bemærkning"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    municipality_lookup = "local_package__municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("version af lokal træningspakke")
        verbose_name_plural = _("versioner af lokale træningspakker")
        ordering = ["local_package", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_package", "number"], name="local_package_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.local_package.name}, version {self.number}"


class PackageReference(models.Model):
    """Which package something follows or followed: a national package (key and version) and,
    when the municipality has adapted it, the local version, with who chose it."""

    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kommune"),
    )
    package_key = models.CharField(_("træningspakke"), max_length=PACKAGE_KEY_MAX_LENGTH)
    national_version = models.PositiveSmallIntegerField(_("national version"))
    local_version = models.ForeignKey(
        LocalPackageVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lokal version"),
    )
    # The package's name when chosen, so reports read well even after a file is retired.
    package_name = models.CharField(_("pakkens navn"), max_length=120)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("valgt af"),
    )

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        abstract = True


class PackageChoice(PackageReference):
    """The package a course or a class follows now."""

    chosen_at = models.DateTimeField(_("valgt"), auto_now_add=True)

    class Meta:
        abstract = True


class TargetGroup(models.Model):
    """The citizen's dementia type, phase and living when a package was chosen, and why it was
    chosen outside the package's target group, if it was."""

    dementia_type = models.CharField(_("demenstype"), max_length=20, choices=DementiaType.choices)
    phase = models.CharField(_("fase"), max_length=10, choices=DementiaPhase.choices)
    living = models.CharField(_("boform"), max_length=10, choices=Living.choices)
    outside_target_group = models.BooleanField(_("fraviger målgruppen"), default=False)
    deviation_reason = models.TextField(_("begrundelse for at fravige målgruppen"), blank=True)

    class Meta:
        abstract = True


class CoursePackage(PackageChoice, TargetGroup):
    """The training package a citizen's course follows, with the citizen's target group."""

    course = models.OneToOneField(
        "courses.Course",
        on_delete=models.PROTECT,
        related_name="training_package",
        verbose_name=_("forløb"),
    )

    class Meta:
        verbose_name = _("træningspakke på forløb")
        verbose_name_plural = _("træningspakker på forløb")
        indexes = [
            # The usage report: the packages of a municipality's courses.
            models.Index(fields=["municipality", "package_key"], name="course_package_key"),
        ]

    def __str__(self) -> str:
        return self.package_name


class CoursePackageHistory(PackageReference, TargetGroup):
    """A package a course followed before it was changed to another: what it was, who chose it,
    who replaced it and when. The goals, tests and sessions done under it stay on the course."""

    course = models.ForeignKey(
        "courses.Course",
        on_delete=models.PROTECT,
        related_name="training_package_history",
        verbose_name=_("forløb"),
    )
    chosen_at = models.DateTimeField(_("valgt"))
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skiftet af"),
    )
    replaced_at = models.DateTimeField(_("skiftet"), auto_now_add=True)

    class Meta:
        verbose_name = _("tidligere træningspakke på forløb")
        verbose_name_plural = _("tidligere træningspakker på forløb")
        ordering = ["course", "-replaced_at", "-pk"]

    def __str__(self) -> str:
        return self.package_name


class ClassPackage(PackageChoice):
    """The training package a team class runs."""

    team_class = models.OneToOneField(
        "organisation.TeamClass",
        on_delete=models.PROTECT,
        related_name="training_package",
        verbose_name=_("hold"),
    )

    class Meta:
        verbose_name = _("træningspakke på hold")
        verbose_name_plural = _("træningspakker på hold")

    def __str__(self) -> str:
        return self.package_name


__all__ = [
    "ClassPackage",
    "CoursePackage",
    "CoursePackageHistory",
    "DementiaPhase",
    "DementiaType",
    "LocalPackage",
    "LocalPackageVersion",
    "Living",
]
