from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def source_text(source: Any) -> str:
    """A rule's source as one line: issuer, title, date and section heading."""
    if not isinstance(source, dict):
        return str(source or "")
    parts = [source.get("issuer"), source.get("title"), source.get("date")]
    text = ", ".join(str(part) for part in parts if part)
    section = source.get("section")
    return f'{text}: "{section}"' if section else text


@register.filter
def age_on(citizen: Any, day: Any) -> int:
    return citizen.age_on(day)
