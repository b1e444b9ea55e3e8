"""The NinjaAPI behind /api/v1/: authentication, rate limit, problem details and the routers."""

from __future__ import annotations

from ninja.renderers import JSONRenderer

from rehabplan.api.auth import SessionAuth, TokenAuth
from rehabplan.api.handlers import install_problem_handlers
from rehabplan.api.openapi import RehabplanApi
from rehabplan.api.throttling import DatabaseRateThrottle
from rehabplan.api.v1 import (
    citizens,
    courses,
    deadlines,
    decisions,
    goals,
    gop,
    kpi,
    measurements,
    notes,
    organisation,
    planning,
    referrals,
    sessions,
    standards,
)

DESCRIPTION = """
Rehabplans REST-API for omsorgssystemer, robotter og datavarehuse. Hver operation kalder de samme
forretningsregler, rettigheder og den samme logning som webudgaven, og en nøgle ser kun sin egen
kommunes data.

* **Adgang**: `Authorization: Bearer rp_…` med en personlig API-nøgle, som kommunens
  administrator opretter (vises én gang), eller sessionen fra web-login (med CSRF-token ved
  ændringer).
* **Gentagelser**: send `Idempotency-Key` med hver POST; samme nøgle igen giver det første svar.
* **Sider**: lister returnerer `items` og `next_cursor`; send `cursor` for næste side.
* **Fejl**: RFC 9457 problem details (`application/problem+json`) med en dansk `detail`.
* **Grænse**: et antal forespørgsler pr. minut pr. nøgle; derefter svar 429 med `Retry-After`.
"""


class DanishTextRenderer(JSONRenderer):
    """JSON with æ, ø and å as UTF-8, not escape sequences, readable in a log or a terminal."""

    json_dumps_params = {"ensure_ascii": False}


api = RehabplanApi(
    title="Rehabplan API",
    version="1.0",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=[TokenAuth(), SessionAuth()],
    throttle=[DatabaseRateThrottle()],
    renderer=DanishTextRenderer(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_problem_handlers(api)

api.add_router("/citizens", citizens.router, tags=["Borgere"])
api.add_router("/referrals", referrals.router, tags=["Henvisninger"])
api.add_router("/gop", gop.router, tags=["Genoptræningsplaner"])
# These two name their paths in full: a referral's deadlines and decisions sit under /referrals.
api.add_router("", deadlines.router, tags=["Frister"])
api.add_router("", decisions.router, tags=["Vurdering og afgørelse"])
api.add_router("/planning", planning.router, tags=["Planlægning"])
api.add_router("/standards", standards.router, tags=["Kvalitetsstandarder"])
api.add_router("/kpi", kpi.router, tags=["Nøgletal"])
api.add_router("/organisation", organisation.router, tags=["Organisation"])

# Courses and what is documented on them; the routers after it name their own full paths.
api.add_router("/courses", courses.router, tags=["Forløb"])
api.add_router("", sessions.router, tags=["Træningsgange"])
api.add_router("", notes.router, tags=["Notater"])
api.add_router("", measurements.router, tags=["Målinger"])
api.add_router("", goals.router, tags=["Mål"])
