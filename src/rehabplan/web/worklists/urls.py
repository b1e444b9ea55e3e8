"""URLs for the full worklists the start page links to with "Se alle"."""

from django.urls import path

from rehabplan.web.worklists import views

urlpatterns = [
    path("modtagelse/indbakke/", views.intake_inbox_view, name="intake-inbox"),
    path("visitation/afventer/", views.awaiting_decision_view, name="awaiting-decision"),
    path("visitation/breve/", views.unconfirmed_letters_view, name="unconfirmed-letters"),
]
