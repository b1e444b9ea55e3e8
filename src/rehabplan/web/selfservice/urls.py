from django.urls import include, path

from rehabplan.selfservice.login import login_method
from rehabplan.web.selfservice import views

urlpatterns = [
    path("borger/", views.home_view, name="selfservice-home"),
    path(
        "borger/aftaler/<int:attendance_id>/afbud/",
        views.cancel_view,
        name="selfservice-cancel",
    ),
    path("borger/breve/", views.letters_view, name="selfservice-letters"),
    path(
        "borger/breve/<int:message_id>/pdf/",
        views.letter_pdf_view,
        name="selfservice-letter-pdf",
    ),
    path("borger/plan/", views.plan_view, name="selfservice-plan"),
    path("borger/hjemmetraening/", views.home_programme_view, name="selfservice-home-programme"),
    path(
        "borger/hjemmetraening/<int:programme_id>/pdf/",
        views.home_programme_pdf_view,
        name="selfservice-home-programme-pdf",
    ),
    path(
        "borger/hjemmetraening/forloeb/<int:course_id>/",
        views.home_programme_record_view,
        name="selfservice-home-programme-record",
    ),
    path("borger/log-af/", views.logout_view, name="selfservice-logout"),
    # The login method's own pages: the one-time code's forms, or MitID's redirect and return.
    path("borger/log-ind/", include(login_method().urlpatterns())),
]
