from django.urls import path

from rehabplan.web.standards import views

urlpatterns = [
    path("kvalitetsstandard/", views.own_standard_view, name="standard"),
    path(
        "kvalitetsstandard/<slug:municipality_slug>/",
        views.standard_view,
        name="standard-municipality",
    ),
]
