from django.urls import path

from rehabplan.web.klgateway import views

urlpatterns = [
    path("kl-gateway/", views.kl_gateway_view, name="kl-gateway"),
    path(
        "kl-gateway/<int:delivery_id>/fil/",
        views.kl_gateway_download_view,
        name="kl-gateway-download",
    ),
]
