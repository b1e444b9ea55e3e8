from django.urls import path

from rehabplan.web.packages.catalogue import views

urlpatterns = [
    path("traeningspakker/", views.package_list_view, name="package-list"),
    path(
        "traeningspakker/lokale/<int:local_package_id>/",
        views.local_package_view,
        name="local-package",
    ),
    path(
        "traeningspakker/lokale/versioner/<int:local_version_id>/",
        views.local_version_view,
        name="local-package-version",
    ),
    path("traeningspakker/<slug:package_key>/", views.package_detail_view, name="package-detail"),
]
