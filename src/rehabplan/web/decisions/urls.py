"""URLs for the assessment and decision screens."""

from django.urls import path

from rehabplan.web.decisions import views as views

urlpatterns = [
    path(
        "borgere/<int:citizen_id>/funktionsvurdering/",
        views.assessment_view,
        name="assessment-create",
    ),
    path(
        "henvisninger/<int:referral_id>/funktionsvurdering/",
        views.assessment_view,
        name="referral-assessment-create",
    ),
    path("henvisninger/<int:referral_id>/afgoerelse/", views.decision_view, name="decision"),
    path("afgoerelser/<int:decision_id>/", views.decision_detail_view, name="decision-detail"),
    path(
        "afgoerelser/<int:decision_id>/modtaget/",
        views.decision_receipt_view,
        name="decision-receipt",
    ),
    path(
        "afgoerelser/<int:decision_id>/brev.pdf",
        views.decision_letter_view,
        name="decision-letter",
    ),
]
