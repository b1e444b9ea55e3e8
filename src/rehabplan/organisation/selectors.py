"""The municipality's therapists, team classes and training places that new work may name: the
active ones. The booking forms, the API's booking and its organisation listing offer the same."""

from __future__ import annotations

from django.db.models import QuerySet

from rehabplan.organisation.models import Location, Municipality, TeamClass, Therapist


def active_therapists(municipality: Municipality | int | None) -> QuerySet[Therapist]:
    """By name, for a list that a large unit pages."""
    return Therapist.objects.filter(municipality=municipality, active=True).order_by("name", "pk")


def active_team_classes(municipality: Municipality | int | None) -> QuerySet[TeamClass]:
    return TeamClass.objects.filter(municipality=municipality, active=True)


def active_locations(municipality: Municipality | int | None) -> QuerySet[Location]:
    return Location.objects.filter(municipality=municipality, active=True)
