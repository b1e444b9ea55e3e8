"""The leader's key figures (nøgletal) under /statistik/."""

from django.urls import path

from rehabplan.web.dashboard import views

urlpatterns = [
    path("statistik/", views.dashboard_start_view, name="kpi-start"),
    path("statistik/<slug:section_key>/", views.section_view, name="kpi-section"),
    path("statistik/<slug:section_key>/sager/", views.cases_view, name="kpi-cases"),
    path(
        "statistik/<slug:section_key>/<slug:table_key>.csv",
        views.export_csv_view,
        name="kpi-export-csv",
    ),
    path(
        "statistik/<slug:section_key>/<slug:table_key>.xlsx",
        views.export_xlsx_view,
        name="kpi-export-xlsx",
    ),
]
