"""URLs for the therapists' calendars and the therapist's own lists."""

from django.urls import path

from rehabplan.web.calendar import views

urlpatterns = [
    path("kalender/", views.calendar_day_view, name="calendar-day"),
    path("kalender/uge/", views.calendar_week_view, name="calendar-week"),
    path("kalender/alle/", views.team_week_view, name="team-week"),
    path("mine-forloeb/", views.my_courses_view, name="my-courses"),
    path("mine-hold/", views.my_classes_view, name="my-classes"),
]
