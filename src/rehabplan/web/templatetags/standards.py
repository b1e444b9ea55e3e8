"""Links from any screen to a rule on the quality standard page.

    {% load standards %}
    {% rule_link line.rule_id deadline.standard_date %}          a link for an explanation
    {% rule_url "demo:SEL86.start" some_date "demo" %}           the URL alone
    {% standard_link some_date %}                                the page on that date

The municipality is the one shown in the header (the user's own) unless given.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from rehabplan.web.standards import links

register = template.Library()


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _slug(context: Any, municipality_slug: str | None) -> str | None:
    if municipality_slug:
        return municipality_slug
    municipality = context.get("shell_municipality")
    return getattr(municipality, "slug", None)


@register.simple_tag(takes_context=True)
def rule_url(context: Any, rule_id: str, on: Any, municipality_slug: str | None = None) -> str:
    slug = _slug(context, municipality_slug)
    day = _day(on)
    if not slug or not rule_id or day is None:
        return ""
    return links.rule_url(rule_id, day, slug)


@register.simple_tag(takes_context=True)
def rule_link(context: Any, rule_id: str, on: Any, municipality_slug: str | None = None) -> str:
    """A link to the rule, or nothing. Written here rather than by a template: lists show one
    per row, and rendering a template for each costs more than the rest of the row."""
    url = rule_url(context, rule_id, on, municipality_slug)
    if not url:
        return ""
    return format_html(
        '<a class="rule-link" href="{}">{}</a>', url, _("Se reglen i kvalitetsstandarden")
    )


@register.simple_tag(takes_context=True)
def standard_link(context: Any, on: Any, municipality_slug: str | None = None) -> str:
    """A link to the standard page on the day, or nothing."""
    slug = _slug(context, municipality_slug)
    if not slug:
        return ""
    day = _day(on)
    url = links.page_url(slug, day)
    if day is None:
        return format_html('<a href="{}">{}</a>', url, _("Kvalitetsstandarden"))
    text = _("Kvalitetsstandarden pr. %(day)s") % {"day": date_format(day)}
    return format_html('<a href="{}">{}</a>', url, text)
