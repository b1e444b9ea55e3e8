from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from rehabplan.accounts.roles import ADMINISTRATOR, LEADER, ROLE_LABELS, THERAPIST, VISITATOR


def shell(request: HttpRequest) -> dict[str, Any]:
    """The header and navigation: municipality, user, role and the links the roles may use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = user.role_names
    # The training content comes last, so on a narrow header the leader's planning and key
    # figures stay in the bar and the library and packages move under "Mere".
    nav = _work_links(user, roles) + _management_links(user, roles) + _training_links(user, roles)
    current = request.path
    return {
        "shell_municipality": user.municipality,
        "shell_roles": ", ".join(str(ROLE_LABELS.get(role, role)) for role in roles),
        "shell_nav": [
            {"href": href, "label": label, "current": _is_current(href, current)}
            for href, label in nav
        ],
    }


def _work_links(user: Any, roles: list[str]) -> list[tuple[str, str]]:
    """The links for the daily work with citizens, courses and deadlines."""
    nav = [(reverse("home"), _("Forside"))]
    if VISITATOR in roles or THERAPIST in roles or LEADER in roles:
        nav.append((reverse("citizen-search"), _("Borgere")))
        nav.append((reverse("deadline-worklist"), _("Frister")))
    if user.municipality_id and (VISITATOR in roles or THERAPIST in roles):
        nav.append((reverse("my-alerts"), _("Fristvarsler")))
    elif user.municipality_id and LEADER in roles:
        nav.append((reverse("alerts-not-acted-on"), _("Fristvarsler")))
    if THERAPIST in roles and getattr(user, "therapist", None) is not None:
        nav.append((reverse("calendar-day"), _("Kalender")))
        nav.append((reverse("my-courses"), _("Mine forløb")))
        nav.append((reverse("my-classes"), _("Mine hold")))
    if user.municipality_id:
        # Standards are public documents: every role may read them.
        nav.append((reverse("standard"), _("Kvalitetsstandard")))
    return nav


def _training_links(user: Any, roles: list[str]) -> list[tuple[str, str]]:
    """The exercise library and the training packages: no citizen data, every role reads them."""
    nav = []
    if user.municipality_id:
        nav.append((reverse("package-list"), _("Træningspakker")))
    if user.is_superuser or roles:
        nav.append((reverse("exercise-list"), _("Øvelsesbibliotek")))
    return nav


def _management_links(user: Any, roles: list[str]) -> list[tuple[str, str]]:
    """The leader's and the administrator's links."""
    nav = []
    if LEADER in roles:
        nav.append((reverse("planning-start"), _("Planlæg")))
        nav.append((reverse("team-week"), _("Terapeuternes uge")))
        nav.append((reverse("whatif-start"), _("Afprøv udkast")))
        nav.append((reverse("kpi-start"), _("Nøgletal")))
        nav.append((reverse("audit-log"), _("Log over adgang")))
        nav.append((reverse("research-export"), _("Forskning")))
    if user.municipality_id and user.has_perm("reporting.deliver_kl_gateway"):
        nav.append((reverse("kl-gateway"), _("KL Gateway")))
    if ADMINISTRATOR in roles or user.is_superuser:
        nav.append((reverse("admin:index"), _("Opsætning")))
    if ADMINISTRATOR in roles and user.municipality_id:
        nav.append((reverse("locked-list"), _("Spærrede brugere")))
    return nav


def _is_current(href: str, path: str) -> bool:
    return path == href if href == "/" else path.startswith(href)
