from django.urls import path

from rehabplan.web import views_planning

urlpatterns = [
    path("planlaeg/", views_planning.planning_start_view, name="planning-start"),
    path(
        "planlaeg/<int:proposal_id>/",
        views_planning.planning_proposal_view,
        name="planning-proposal",
    ),
    path(
        "planlaeg/<int:proposal_id>/flyt/",
        views_planning.planning_adjust_view,
        name="planning-adjust",
    ),
    path(
        "planlaeg/<int:proposal_id>/godkend/",
        views_planning.planning_accept_view,
        name="planning-accept",
    ),
]
