"""URLs for choosing a course's and a class's training package (under /traeningspakker/)."""

from django.urls import path

from rehabplan.web.packages.assignment import views

urlpatterns = [
    path(
        "traeningspakker/forloeb/<int:course_id>/",
        views.course_package_view,
        name="course-package",
    ),
    path(
        "traeningspakker/forloeb/<int:course_id>/hold/",
        views.course_place_on_class_view,
        name="course-package-class",
    ),
    path("traeningspakker/hold/", views.class_package_list_view, name="class-packages"),
    path(
        "traeningspakker/hold/<int:team_class_id>/",
        views.class_package_view,
        name="class-package",
    ),
]
