"""The rules engine's answers that the services store with a decision, for the generator.

Eligibility, extent, legal basis, transport and complaint guidance depend only on the service
and the day (the history's citizens all answer the visitator's questions alike), so each is
asked once per service and day and reused; a deadline's explanation names the case's own dates
and is asked per case (case_rows.py).
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from rehabplan import rules
from rehabplan.courses.selectors.decisions import extent_defaults
from rehabplan.demo.scale.copy_writer import EncodedJson
from rehabplan.organisation.standards import installation_registry


class Engine:
    """The rules engine's answers for one municipality, remembered per service and day."""

    def __init__(self, slug: str) -> None:
        self.registry = installation_registry()
        self.slug = slug
        self._decisions: dict[tuple[str, datetime.date, bool], dict[str, Any]] = {}
        self._complaints: dict[tuple[str, datetime.date, datetime.date | None], Any] = {}
        self._reasons: dict[tuple[str, datetime.date], list[str]] = {}

    def grant_codes(self, on: datetime.date) -> set[str]:
        return {
            service.code for service in self.registry.services(self.slug, on) if service.is_grant
        }

    def decision(self, service: str, on: datetime.date, refused: bool) -> dict[str, Any]:
        key = (service, on, refused)
        found = self._decisions.get(key)
        if found is None:
            found = self._decisions[key] = self._decision(service, on, refused)
        return found

    def _decision(self, service: str, on: datetime.date, refused: bool) -> dict[str, Any]:
        registry, slug = self.registry, self.slug
        # The answers the demo's history gives: motivated, and the judgements of SEL86-1 and
        # the programme of §119 as the visitator would answer them.
        answers = {
            "motivated": True,
            "can_train_alone": refused,
            "needs_pt_and_ot": False,
            "programme": "kol" if service == "SUL119" else None,
            "judgements": {"SEL86-1.target": True} if service == "SEL86-1" else {},
        }
        facts = {
            "motivated": True,
            "can_train_alone": refused,
            "programme": answers["programme"],
            "assessments": answers["judgements"],
        }
        eligibility = rules.eligibility(registry, slug, service, on=on, facts=facts)
        extent = rules.extent(registry, slug, service, on=on, facts={})
        tiers = extent.tiers
        if tiers:
            extent = rules.extent(registry, slug, service, on=on, facts={}, tier=tiers[-1].name)
        return {
            "standard_version": eligibility.standard_version,
            "legal_basis": rules.legal_basis(registry, slug, service, on=on).text,
            "service_name": self.registry.resolve(slug, on).service(service).name,
            "eligibility": EncodedJson(
                json.dumps({**eligibility.to_dict(), "answers": answers}, ensure_ascii=False)
            ),
            "engine_extent": EncodedJson(json.dumps(extent.to_dict(), ensure_ascii=False)),
            "transport": EncodedJson(
                json.dumps(
                    rules.transport(registry, slug, service, on=on).to_dict(), ensure_ascii=False
                )
            ),
            "defaults": extent_defaults(extent, on),
            "tier": tiers[-1].name if tiers else "",
        }

    def complaint(
        self, service: str, on: datetime.date, received: datetime.date | None
    ) -> tuple[EncodedJson, datetime.date | None]:
        key = (service, on, received)
        found = self._complaints.get(key)
        if found is None:
            guidance = rules.complaint_guidance(
                self.registry, self.slug, service, on=on, decision_received=received
            )
            deadlines = [
                step.deadline
                for route in guidance.routes
                if route.topic == "decision"
                for step in route.steps
                if step.deadline is not None
            ]
            found = self._complaints[key] = (
                EncodedJson(json.dumps(guidance.to_dict(), ensure_ascii=False)),
                min(deadlines) if deadlines and received else None,
            )
        return found

    def end_reasons(self, service: str, on: datetime.date) -> list[str]:
        key = (service, on)
        found = self._reasons.get(key)
        if found is None:
            reasons = rules.termination_reasons(self.registry, self.slug, service, on=on)
            found = self._reasons[key] = [reason.code for reason in reasons.reasons]
        return found

    def limits(self, service: str, on: datetime.date) -> tuple[int | None, int | None]:
        """The most sessions and the most sessions a week a grant on `on` may give."""
        defaults = self.decision(service, on, False)["defaults"]
        return defaults.sessions, defaults.sessions_per_week
