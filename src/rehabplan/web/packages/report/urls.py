"""URLs for the training packages' usage report."""

from django.urls import path

from rehabplan.web.packages.report import views

urlpatterns = [
    path("traeningspakker/rapport/", views.report_view, name="package-report"),
    path("traeningspakker/rapport/csv/", views.report_csv_view, name="package-report-csv"),
    path("traeningspakker/rapport/xlsx/", views.report_xlsx_view, name="package-report-xlsx"),
]
