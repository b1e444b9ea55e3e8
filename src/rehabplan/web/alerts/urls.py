"""URLs of the deadline alerts."""

from django.urls import path

from rehabplan.web.alerts import views

urlpatterns = [
    path("varsler/", views.my_alerts_view, name="my-alerts"),
    path("varsler/<int:alert_id>/set/", views.alert_seen_view, name="alert-seen"),
    path("varsler/indstillinger/", views.alert_settings_view, name="alert-settings"),
    path("varsler/ikke-handlet/", views.alerts_not_acted_on_view, name="alerts-not-acted-on"),
]
