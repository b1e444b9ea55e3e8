"""Build, check, record and send a month's §140 delivery.

Nothing is recorded or sent unless every citizen's Bundle passes the checker. The delivery row,
its Bundle rows and the file are made in one transaction under a lock on the municipality, so
two leaders building the same period at once make one first delivery and one correction, never
two first deliveries."""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import ValidationError as FhirValidationError

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.citizens.models import Citizen
from rehabplan.organisation.models import Municipality
from rehabplan.reporting.klgateway import codes
from rehabplan.reporting.klgateway.builder import build_bundle, parse_fhir
from rehabplan.reporting.klgateway.checker import Problem, check_bundle, check_delivery
from rehabplan.reporting.klgateway.facts import Period
from rehabplan.reporting.klgateway.selectors import citizen_facts
from rehabplan.reporting.klgateway.senders import configured_sender
from rehabplan.reporting.models import KlGatewayBundle, KlGatewayDelivery

if TYPE_CHECKING:
    from rehabplan.accounts.models import User

logger = logging.getLogger(__name__)

PERMISSION = "reporting.deliver_kl_gateway"
PERIOD_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
INCREMENTAL_DELIVERY = "klgateway-140-incremental-delivery"


def parse_period(text: str, *, today: datetime.date | None = None) -> Period:
    """ "2026-11" -> Period; a clear Danish error for anything else or a month not yet over."""
    match = PERIOD_PATTERN.match((text or "").strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(
            {"period": [_("Skriv perioden som år og måned, fx 2026-11.")]}, code="period"
        )
    period = Period(int(match.group(1)), int(match.group(2)))
    today = today or timezone.localdate()
    if period.first_day > today:
        raise ValidationError(
            {"period": [_("Perioden er ikke begyndt endnu.")]}, code="period_future"
        )
    return period


@dataclass(frozen=True)
class CitizenProblems:
    citizen_id: int
    citizen_name: str
    problems: tuple[Problem, ...]


class DeliveryRefused(Exception):
    """The check failed: nothing was recorded or sent. Carries the problems per citizen."""

    def __init__(self, failures: list[CitizenProblems]) -> None:
        self.failures = failures
        super().__init__(
            "; ".join(
                f"citizen {failure.citizen_id}: {problem}"
                for failure in failures
                for problem in failure.problems
            )
        )


class NothingToDeliver(Exception):
    """No citizen had §140 activity in the period."""


@dataclass(frozen=True)
class BuiltBundle:
    citizen_id: int
    bundle: dict[str, Any]
    content: bytes
    sha256: str


def _canonical(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _fhir_problems(bundle: dict[str, Any]) -> list[Problem]:
    try:
        parse_fhir(bundle)
    except FhirValidationError as error:
        return [
            Problem(
                codes.DELIVERY_REPORT,
                "Bundle",
                ".".join(str(part) for part in item["loc"]),
                f"not valid FHIR: {item['msg']}",
                _("Indberetningen er ikke gyldig FHIR"),
                "indberetningen",
            )
            for item in error.errors()
        ]
    return []


def build_and_check(
    *,
    municipality: Municipality,
    period: Period,
    citizen_ids: list[int] | None = None,
    timestamp: datetime.datetime | None = None,
) -> list[BuiltBundle]:
    """Every citizen's Bundle for the period, each checked; raises `DeliveryRefused` naming
    each citizen and element that failed, `NothingToDeliver` when there is no one."""
    timestamp = timestamp or timezone.now()
    facts = citizen_facts(municipality=municipality, period=period, citizen_ids=citizen_ids)
    if not facts:
        raise NothingToDeliver(period.label)
    built, failures = [], []
    names = {
        citizen.pk: citizen.full_name
        for citizen in Citizen.objects.of_municipality(municipality).filter(
            pk__in=[item.citizen_id for item in facts]
        )
    }
    for item in facts:
        bundle = build_bundle(item, scope=str(municipality.code), timestamp=timestamp)
        problems = check_bundle(bundle) or _fhir_problems(bundle)
        if problems:
            failures.append(
                CitizenProblems(item.citizen_id, names[item.citizen_id], tuple(problems))
            )
            continue
        content = _canonical(bundle)
        built.append(
            BuiltBundle(item.citizen_id, bundle, content, hashlib.sha256(content).hexdigest())
        )
    if failures:
        for failure in failures:
            for problem in failure.problems:
                logger.warning(
                    "KL Gateway %s: citizen %s refused: %s",
                    period.label,
                    failure.citizen_id,
                    problem,
                )
        raise DeliveryRefused(failures)
    return built


def _delivery_document(built: list[BuiltBundle], timestamp: datetime.datetime) -> bytes:
    """The file delivered: the IG's incremental delivery Bundle holding every report."""
    document = {
        "resourceType": "Bundle",
        "meta": {"profile": [codes.profile_url(INCREMENTAL_DELIVERY)]},
        "type": "collection",
        "timestamp": timestamp.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
        "entry": [
            {
                "fullUrl": f"urn:uuid:{item.sha256[:8]}-{item.sha256[8:12]}-{item.sha256[12:16]}-"
                f"{item.sha256[16:20]}-{item.sha256[20:32]}",
                "resource": item.bundle,
            }
            for item in built
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def delivery_build(
    *,
    municipality: Municipality,
    period: Period,
    user: User | None = None,
    citizen_ids: list[int] | None = None,
    operator: str = "",
) -> KlGatewayDelivery:
    """Build, check, record and send the period's delivery. A period already delivered gets a
    correction: a new delivery that points to the latest one before it."""
    timestamp = timezone.now()
    built = build_and_check(
        municipality=municipality, period=period, citizen_ids=citizen_ids, timestamp=timestamp
    )
    content = _delivery_document(built, timestamp)
    wrapper_problems = check_delivery(json.loads(content))
    if wrapper_problems:
        # Only a fault in this module can get here: each Bundle inside has passed already.
        raise RuntimeError(f"KL Gateway delivery file does not conform: {wrapper_problems}")
    with transaction.atomic():
        # The lock serialises deliveries of one municipality: the second builder waits, then
        # sees the first delivery and makes a correction of it.
        Municipality.objects.select_for_update().only("pk").get(pk=municipality.pk)
        previous = (
            KlGatewayDelivery.objects.of_municipality(municipality)
            .filter(period=period.label)
            .order_by("-sequence")
            .first()
        )
        sequence = previous.sequence + 1 if previous is not None else 1
        file_name = f"kl-gateway-140-{municipality.code:03d}-{period.label}-{sequence:02d}.json"
        where = configured_sender().send(
            municipality_slug=municipality.slug,
            period=period.label,
            file_name=file_name,
            content=content,
        )
        delivery = KlGatewayDelivery.objects.create(
            municipality=municipality,
            period=period.label,
            sequence=sequence,
            corrects=previous,
            created_by=user if getattr(user, "pk", None) else None,
            citizens_count=len(built),
            sha256=hashlib.sha256(content).hexdigest(),
            file_path=where,
        )
        KlGatewayBundle.objects.bulk_create(
            KlGatewayBundle(
                delivery=delivery,
                citizen_id=item.citizen_id,
                sha256=item.sha256,
                entries=len(item.bundle["entry"]),
            )
            for item in built
        )
        audit_record(
            user=user,
            user_name=operator,
            municipality=municipality,
            action=AuditAction.EXPORT,
            target=delivery,
            summary=(
                _("§140-indberetning til KL Gateway for %(period)s (rettelse nr. %(number)s)")
                if previous is not None
                else _("§140-indberetning til KL Gateway for %(period)s")
            )
            % {"period": period.label, "number": sequence - 1},
            shown_citizen_ids=[item.citizen_id for item in built],
        )
    logger.info(
        "KL Gateway %s delivery %s for municipality %s: %s citizens, sha256 %s",
        period.label,
        sequence,
        municipality.code,
        len(built),
        delivery.sha256,
    )
    return delivery
