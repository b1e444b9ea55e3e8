from django.urls import path

from rehabplan.web.packages.adaptation import views

urlpatterns = [
    path(
        "traeningspakker/<slug:package_key>/tilpas/",
        views.package_adapt_view,
        name="package-adapt",
    ),
    path(
        "traeningspakker/lokale/<int:local_package_id>/ny-version/",
        views.local_version_new_view,
        name="local-package-new-version",
    ),
]
