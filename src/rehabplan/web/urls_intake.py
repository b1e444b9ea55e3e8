"""URLs for the intake screens."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
