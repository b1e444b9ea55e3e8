"""Links from an explanation to its rule on the standard page.

Every rule on the page has a stable anchor made from its qualified id ("demo:SEL86.start" ->
"regel-demo--SEL86-start"), and every service section one made from its code. An explanation
that names no rule of its own (the engine's notes such as "demo:SEL86-1.transport" when the
standard is silent, or a service's legal basis) links to the section of its service.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

from django.urls import reverse

from rehabplan import rules
from rehabplan.organisation.standards import installation_registry

VERSIONS_ANCHOR = "versioner"
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def rule_anchor(qualified_rule_id: str) -> str:
    return "regel-" + _UNSAFE.sub("-", qualified_rule_id.replace(":", "--"))


def service_anchor(code: str) -> str:
    return "indsats-" + _UNSAFE.sub("-", code)


def page_url(municipality_slug: str, on_date: dt.date | None = None, **query: str) -> str:
    url = reverse("standard-municipality", kwargs={"municipality_slug": municipality_slug})
    params = {"dato": on_date.isoformat()} if on_date else {}
    params.update({key: value for key, value in query.items() if value})
    return f"{url}?{urlencode(params)}" if params else url


def anchor_for(qualified_rule_id: str, on_date: dt.date, municipality_slug: str) -> str:
    """The anchor on the page for `municipality_slug` on `on_date` that shows this rule."""
    try:
        resolved = installation_registry().resolve(municipality_slug, on_date)
    except rules.RulesError:
        return ""
    declared_in, _sep, rule_id = qualified_rule_id.partition(":")
    rule = resolved.rules.get(rule_id)
    if rule is not None and rule.qualified_id == qualified_rule_id:
        return rule_anchor(qualified_rule_id)
    if rule_id == "version":
        return VERSIONS_ANCHOR
    # The engine's own notes are named "<slug>:<service>.<topic>".
    for code in sorted(resolved.services, key=len, reverse=True):
        if rule_id == code or rule_id.startswith(code + "."):
            return service_anchor(code)
    return ""


def rule_url(qualified_rule_id: str, on_date: dt.date, municipality_slug: str) -> str:
    """The standard page of `municipality_slug` on `on_date`, scrolled to the rule."""
    anchor = anchor_for(qualified_rule_id, on_date, municipality_slug)
    url = page_url(municipality_slug, on_date)
    return f"{url}#{anchor}" if anchor else url
