from django.urls import path

from rehabplan.web.benchmark import views

urlpatterns = [
    path("maaling/borger/<int:citizen_id>/", views.bare_citizen_view, name="benchmark-bare"),
]
