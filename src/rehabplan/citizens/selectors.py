"""Reading citizens. Only the user's own municipality is ever visible; reads are audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.citizens.models import Citizen

if TYPE_CHECKING:
    from rehabplan.accounts.models import User

SEARCH_LIMIT = 50


def citizens_visible_to(user: User) -> QuerySet[Citizen]:
    return Citizen.objects.for_user(user)


def citizen_matches(*, user: User, term: str) -> QuerySet[Citizen]:
    """Citizens whose CPR number starts with the term's digits (with or without hyphen) or whose
    names hold every word of it, by name; nothing for an empty term. Not audited: the caller
    records what it shows with `citizen_search_record`."""
    term = " ".join(term.split())
    if not term:
        return citizens_visible_to(user).none()
    digits = term.replace("-", "")
    queryset = citizens_visible_to(user)
    if digits.isdigit():
        queryset = queryset.filter(cpr__startswith=digits)
    else:
        for word in term.split(" "):
            queryset = queryset.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return queryset.order_by("last_name", "first_name", "pk")


def citizen_search_record(*, user: User, term: str, shown: list[Citizen], found: int) -> None:
    """The search in the audit log, with every citizen the page of results showed."""
    audit_record(
        user=user,
        action=AuditAction.SEARCH,
        municipality=user.municipality,
        summary=_("Søgning efter borger (%(count)d fundet)") % {"count": found},
        search_term=" ".join(term.split()),
        shown_citizen_ids=[citizen.pk for citizen in shown],
    )


def citizen_search(*, user: User, term: str) -> list[Citizen]:
    """The first citizens found by CPR or name; the search is audited."""
    if not " ".join(term.split()):
        return []
    results = list(citizen_matches(user=user, term=term)[:SEARCH_LIMIT])
    citizen_search_record(user=user, term=term, shown=results, found=len(results))
    return results


def citizen_get(*, user: User, citizen_id: int, purpose: str = "") -> Citizen:
    """Fetch one citizen of the user's municipality and log the view, or raise Http404."""
    try:
        citizen = citizens_visible_to(user).select_related("municipality").get(pk=citizen_id)
    except Citizen.DoesNotExist:
        raise Http404(_("Borgeren findes ikke.")) from None
    audit_record(
        user=user,
        action=AuditAction.VIEW,
        citizen=citizen,
        target=citizen,
        summary=purpose or _("Borgerens side vist"),
    )
    return citizen
