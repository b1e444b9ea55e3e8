"""URLs for the decisions screens."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
