"""The resource types the endpoint serves: for each, the permissions a role needs, its search
parameters, how one is read by id and how a search is answered, from the scoped selectors and
the pure mappings in `resources/`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import Model, QuerySet

from rehabplan.fhir import codes, selectors
from rehabplan.fhir.resources.appointment import appointment
from rehabplan.fhir.resources.care_plan import care_plan
from rehabplan.fhir.resources.condition import condition
from rehabplan.fhir.resources.diagnoses import referral_diagnoses
from rehabplan.fhir.resources.encounter import CLOSING, INTAKE, session_encounter, talk_encounter
from rehabplan.fhir.resources.goal import goal
from rehabplan.fhir.resources.observation import observation
from rehabplan.fhir.resources.patient import patient
from rehabplan.fhir.resources.service_request import service_request
from rehabplan.fhir.search import (
    ID,
    IDENTIFIER,
    MAX_ID,
    PATIENT,
    SUBJECT,
    Criteria,
    SearchParameter,
)

if TYPE_CHECKING:
    from fhir.resources.R4B.resource import Resource

    from rehabplan.accounts.models import User
    from rehabplan.citizens.models import Citizen

VIEW_CITIZEN = "citizens.view_citizen"
VIEW_REFERRAL = "courses.view_referral"
VIEW_COURSE = "courses.view_course"


@dataclass(frozen=True)
class Shown:
    """One resource of an answer, with the citizen it is about and the record it was read from
    (for the audit log)."""

    resource: Resource
    citizen: Citizen
    record: Model


@dataclass(frozen=True)
class Page:
    items: list[Shown]
    total: int


class Kind(Protocol):
    """A served resource type."""

    name: str
    permissions: tuple[str, ...]  # the web's permissions for the same data, all needed
    parameters: tuple[SearchParameter, ...]
    profile: str | None

    def read(self, user: User, resource_id: str) -> Shown | None:
        """The resource with this id in the user's municipality, or None."""
        ...

    def search(self, user: User, criteria: Criteria) -> Page:
        """The page of the user's municipality's resources that meet the criteria."""
        ...


def int_id(text: str) -> int | None:
    """The database id an id of the URL names, or None for one no record can have."""
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def _page_of(queryset: QuerySet, criteria: Criteria, shown: Callable[[Any], Shown]) -> Page:
    total = queryset.count()
    rows = list(queryset[criteria.offset : criteria.offset + criteria.count])
    return Page([shown(row) for row in rows], total)


@dataclass(frozen=True)
class ModelKind:
    """A resource type that is one row of one model."""

    name: str
    permissions: tuple[str, ...]
    parameters: tuple[SearchParameter, ...]
    queryset: Callable[[User], QuerySet]
    citizen_lookup: str  # from the model to the citizen's id
    citizen_of: Callable[[Any], Citizen]
    mapping: Callable[[Any], Resource]
    profile: str | None = None

    def shown(self, row: Any) -> Shown:
        return Shown(self.mapping(row), self.citizen_of(row), row)

    def read(self, user: User, resource_id: str) -> Shown | None:
        pk = int_id(resource_id)
        row = self.queryset(user).filter(pk=pk).first() if pk is not None else None
        return self.shown(row) if row is not None else None

    def search(self, user: User, criteria: Criteria) -> Page:
        queryset = self.queryset(user)
        if criteria.patient_id is not None:
            queryset = queryset.filter(**{self.citizen_lookup: criteria.patient_id})
        if criteria.resource_id is not None:
            queryset = queryset.filter(pk=int_id(criteria.resource_id) or 0)
        if criteria.cpr is not None:
            queryset = queryset.filter(cpr=criteria.cpr)
        return _page_of(queryset, criteria, self.shown)


class ConditionKind:
    """A referral's diagnoses: "<referral id>-<number>", primary first."""

    name = "Condition"
    permissions = (VIEW_CITIZEN, VIEW_REFERRAL)
    parameters = (PATIENT, SUBJECT)
    profile = codes.DK_CORE_CONDITION

    def read(self, user: User, resource_id: str) -> Shown | None:
        referral_part, _dash, number_part = resource_id.partition("-")
        pk, number = int_id(referral_part), int_id(number_part)
        if pk is None or number is None:
            return None
        referral = selectors.fhir_referrals(user).filter(pk=pk).first()
        if referral is None:
            return None
        for diagnosis in referral_diagnoses(referral):
            if diagnosis.number == number:
                return Shown(condition(referral, diagnosis), referral.citizen, referral)
        return None

    def search(self, user: User, criteria: Criteria) -> Page:
        referrals = selectors.fhir_referrals(user).exclude(diagnosis_text="", gop_content={})
        if criteria.patient_id is not None:
            referrals = referrals.filter(citizen_id=criteria.patient_id)
        # Diagnoses live in the referral's JSON and text, so they are counted here, not in SQL.
        everything = [
            Shown(condition(referral, diagnosis), referral.citizen, referral)
            for referral in referrals.iterator(chunk_size=500)
            for diagnosis in referral_diagnoses(referral)
        ]
        end = criteria.offset + criteria.count
        return Page(everything[criteria.offset : end], len(everything))


class EncounterKind:
    """Attended sessions ("<attendance id>"), then intake talks ("intake-<course id>"), then
    closing talks ("closing-<course id>")."""

    name = "Encounter"
    permissions = (VIEW_CITIZEN, VIEW_COURSE)
    parameters = (PATIENT, SUBJECT)
    profile = None

    def _talks(self, user: User, kind: str) -> QuerySet:
        field = "intake_on" if kind == INTAKE else "closing_talk_on"
        return selectors.fhir_courses(user).filter(**{f"{field}__isnull": False})

    def _talk(self, kind: str) -> Callable[[Any], Shown]:
        def shown(course: Any) -> Shown:
            day = course.intake_on if kind == INTAKE else course.closing_talk_on
            return Shown(talk_encounter(course, kind, day), course.citizen, course)

        return shown

    @staticmethod
    def _session(attendance: Any) -> Shown:
        return Shown(session_encounter(attendance), attendance.course.citizen, attendance)

    def read(self, user: User, resource_id: str) -> Shown | None:
        kind, dash, rest = resource_id.rpartition("-")
        pk = int_id(rest)
        if pk is None:
            return None
        if not dash:
            row = selectors.fhir_attended(user).filter(pk=pk).first()
            return self._session(row) if row is not None else None
        if kind not in (INTAKE, CLOSING):
            return None
        course = self._talks(user, kind).filter(pk=pk).first()
        return self._talk(kind)(course) if course is not None else None

    def search(self, user: User, criteria: Criteria) -> Page:
        sources: list[tuple[QuerySet, Callable[[Any], Shown]]] = [
            (selectors.fhir_attended(user), self._session),
            (self._talks(user, INTAKE), self._talk(INTAKE)),
            (self._talks(user, CLOSING), self._talk(CLOSING)),
        ]
        lookups = ("course__citizen_id", "citizen_id", "citizen_id")
        items: list[Shown] = []
        total = 0
        start, wanted = criteria.offset, criteria.count
        for (queryset, shown), lookup in zip(sources, lookups, strict=True):
            if criteria.patient_id is not None:
                queryset = queryset.filter(**{lookup: criteria.patient_id})
            count = queryset.count()
            # The page may begin in one source and go on in the next.
            first = max(0, start - total)
            if wanted > len(items) and first < count:
                rows = queryset[first : first + wanted - len(items)]
                items.extend(shown(row) for row in rows)
            total += count
        return Page(items, total)


def _course_citizen(row: Any) -> Citizen:
    return row.course.citizen


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        ModelKind(
            name="Patient",
            permissions=(VIEW_CITIZEN,),
            parameters=(ID, IDENTIFIER),
            queryset=selectors.fhir_citizens,
            citizen_lookup="pk",
            citizen_of=lambda citizen: citizen,
            mapping=patient,
            profile=codes.DK_CORE_PATIENT,
        ),
        ModelKind(
            name="ServiceRequest",
            permissions=(VIEW_CITIZEN, VIEW_REFERRAL),
            parameters=(PATIENT, SUBJECT),
            queryset=selectors.fhir_referrals,
            citizen_lookup="citizen_id",
            citizen_of=lambda referral: referral.citizen,
            mapping=service_request,
        ),
        ModelKind(
            name="CarePlan",
            permissions=(VIEW_CITIZEN, VIEW_COURSE),
            parameters=(PATIENT, SUBJECT),
            queryset=selectors.fhir_courses,
            citizen_lookup="citizen_id",
            citizen_of=lambda course: course.citizen,
            mapping=lambda course: care_plan(course, [item.pk for item in course.goals.all()]),
        ),
        ModelKind(
            name="Goal",
            permissions=(VIEW_CITIZEN, VIEW_COURSE),
            parameters=(PATIENT, SUBJECT),
            queryset=selectors.fhir_goals,
            citizen_lookup="course__citizen_id",
            citizen_of=_course_citizen,
            mapping=goal,
        ),
        ModelKind(
            name="Appointment",
            permissions=(VIEW_CITIZEN, VIEW_COURSE),
            parameters=(PATIENT,),
            queryset=selectors.fhir_attendances,
            citizen_lookup="course__citizen_id",
            citizen_of=_course_citizen,
            mapping=appointment,
        ),
        EncounterKind(),
        ModelKind(
            name="Observation",
            permissions=(VIEW_CITIZEN, VIEW_COURSE),
            parameters=(PATIENT, SUBJECT),
            queryset=selectors.fhir_measurements,
            citizen_lookup="course__citizen_id",
            citizen_of=_course_citizen,
            mapping=observation,
        ),
        ConditionKind(),
    )
}
