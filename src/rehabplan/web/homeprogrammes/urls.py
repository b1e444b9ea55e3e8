"""URLs of the home programme screens (under their own prefix: the course page's
`forloeb/<id>/<move>/` takes every other slug)."""

from django.urls import path

from rehabplan.web.homeprogrammes import views

urlpatterns = [
    path(
        "hjemmetraening/<int:course_id>/nyt/",
        views.programme_build_view,
        name="homeprogramme-build",
    ),
    path(
        "hjemmetraening/<int:course_id>/versioner/",
        views.programme_versions_view,
        name="homeprogramme-versions",
    ),
    path(
        "hjemmetraening/<int:course_id>/traening/",
        views.adherence_view,
        name="homeprogramme-adherence",
    ),
    path(
        "hjemmetraening/program/<int:programme_id>/",
        views.programme_detail_view,
        name="homeprogramme-detail",
    ),
    path(
        "hjemmetraening/program/<int:programme_id>/pdf/",
        views.programme_pdf_view,
        name="homeprogramme-pdf",
    ),
]
