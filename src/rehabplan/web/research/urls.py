from django.urls import path

from rehabplan.web.research import views

urlpatterns = [
    path("forskning/", views.research_export_view, name="research-export"),
]
