from django.urls import path

from rehabplan.web.security import views

urlpatterns = [
    path("session/", views.session_status_view, name="session-status"),
]
