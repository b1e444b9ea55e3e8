from django.urls import path

from rehabplan.web.whatif import views

urlpatterns = [
    path("afproev-udkast/", views.whatif_start_view, name="whatif-start"),
    path("afproev-udkast/<int:run_id>/", views.whatif_run_view, name="whatif-run"),
]
