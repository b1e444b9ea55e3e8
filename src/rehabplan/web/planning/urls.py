from django.urls import path

from rehabplan.web.planning import views

urlpatterns = [
    path("planlaeg/", views.planning_start_view, name="planning-start"),
    path(
        "planlaeg/<int:proposal_id>/",
        views.planning_proposal_view,
        name="planning-proposal",
    ),
    path(
        "planlaeg/<int:proposal_id>/flyt/",
        views.planning_adjust_view,
        name="planning-adjust",
    ),
    path(
        "planlaeg/<int:proposal_id>/godkend/",
        views.planning_accept_view,
        name="planning-accept",
    ),
]
