"""URLs for the intake screens. No CPR number ever appears in them."""

from django.urls import path

from rehabplan.web import views_intake

urlpatterns = [
    path("modtagelse/gop/", views_intake.gop_upload_view, name="gop-upload"),
    path("modtagelse/gop/eksempel/", views_intake.gop_sample_view, name="gop-sample"),
    path("modtagelse/ny/", views_intake.intake_register_view, name="intake-register"),
    path(
        "borgere/<int:citizen_id>/modtagelse/ny/",
        views_intake.intake_register_view,
        name="intake-register-citizen",
    ),
    path(
        "henvisninger/<int:referral_id>/", views_intake.referral_detail_view, name="referral-detail"
    ),
    path(
        "henvisninger/<int:referral_id>/datoer/",
        views_intake.referral_dates_view,
        name="referral-dates",
    ),
    path(
        "henvisninger/<int:referral_id>/kontakt/",
        views_intake.referral_contacts_view,
        name="referral-contacts",
    ),
    path(
        "henvisninger/<int:referral_id>/frit-valg/",
        views_intake.referral_free_choice_view,
        name="referral-free-choice",
    ),
]
