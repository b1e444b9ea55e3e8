from django.urls import path

from rehabplan.web.exercises import views

urlpatterns = [
    path("oevelser/", views.exercise_list_view, name="exercise-list"),
    path("oevelser/<slug:exercise_key>/", views.exercise_detail_view, name="exercise-detail"),
]
