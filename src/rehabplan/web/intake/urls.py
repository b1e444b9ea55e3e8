"""URLs for the intake screens. No CPR number ever appears in them."""

from django.urls import path

from rehabplan.web.intake import views

urlpatterns = [
    path("modtagelse/gop/", views.gop_upload_view, name="gop-upload"),
    path("modtagelse/gop/eksempel/", views.gop_sample_view, name="gop-sample"),
    path("modtagelse/ny/", views.intake_register_view, name="intake-register"),
    path(
        "borgere/<int:citizen_id>/modtagelse/ny/",
        views.intake_register_view,
        name="intake-register-citizen",
    ),
    path("henvisninger/<int:referral_id>/", views.referral_detail_view, name="referral-detail"),
    path(
        "henvisninger/<int:referral_id>/datoer/",
        views.referral_dates_view,
        name="referral-dates",
    ),
    path(
        "henvisninger/<int:referral_id>/kontakt/",
        views.referral_contacts_view,
        name="referral-contacts",
    ),
    path(
        "henvisninger/<int:referral_id>/frit-valg/",
        views.referral_free_choice_view,
        name="referral-free-choice",
    ),
    path(
        "henvisninger/<int:referral_id>/aarsag-til-overskredet-frist/",
        views.referral_miss_reason_view,
        name="referral-miss-reason",
    ),
]
