from django.contrib.auth import views as auth_views
from django.urls import include, path

from rehabplan.web import views
from rehabplan.web.post_only import post_only

urlpatterns = [
    path("", views.home, name="home"),
    path("log-ind/", auth_views.LoginView.as_view(), name="login"),
    # Signing out is a POST (the button in the header); a GET goes back to the start page.
    path("log-af/", post_only("home")(auth_views.LogoutView.as_view()), name="logout"),
    path("borgere/", views.citizen_search_view, name="citizen-search"),
    path("borgere/ny/", views.citizen_create_view, name="citizen-create"),
    path("borgere/<int:citizen_id>/", views.citizen_detail_view, name="citizen-detail"),
    path(
        "borgere/<int:citizen_id>/samtykke/",
        views.consent_record_view,
        name="consent-record",
    ),
    path(
        "borgere/<int:citizen_id>/samtykke/<int:consent_id>/tilbagekald/",
        views.consent_withdraw_view,
        name="consent-withdraw",
    ),
    path("frister/", views.deadline_worklist_view, name="deadline-worklist"),
    path("log/", views.audit_log_view, name="audit-log"),
    path("log/<int:entry_id>/", views.audit_entry_view, name="audit-entry"),
    path("", include("rehabplan.web.intake.urls")),
    path("", include("rehabplan.web.worklists.urls")),
    path("", include("rehabplan.web.outbox.urls")),
    path("", include("rehabplan.web.decisions.urls")),
    path("", include("rehabplan.web.packages.assignment.urls")),
    path("", include("rehabplan.web.packages.report.urls")),
    path("", include("rehabplan.web.course.urls")),
    path("", include("rehabplan.web.homeprogrammes.urls")),
    path("", include("rehabplan.web.calendar.urls")),
    path("", include("rehabplan.web.planning.urls")),
    path("", include("rehabplan.web.whatif.urls")),
    path("", include("rehabplan.web.dashboard.urls")),
    path("", include("rehabplan.web.security.urls")),
    path("", include("rehabplan.web.lockouts.urls")),
    path("", include("rehabplan.web.standards.urls")),
    path("", include("rehabplan.web.research.urls")),
    path("", include("rehabplan.web.klgateway.urls")),
    path("", include("rehabplan.web.alerts.urls")),
    path("", include("rehabplan.web.selfservice.urls")),
    path("", include("rehabplan.web.exercises.urls")),
    path("", include("rehabplan.web.packages.catalogue.urls")),
    path("", include("rehabplan.web.packages.adaptation.urls")),
]
