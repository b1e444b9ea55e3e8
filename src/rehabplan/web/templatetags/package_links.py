"""The address of a training package's own page, named by its key."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.filter
def package_url(key: str) -> str:
    """The catalogue's page for the package (URL name `package-detail`), or its plain path."""
    try:
        return reverse("package-detail", args=[key])
    except NoReverseMatch:
        return f"/traeningspakker/{key}/"
