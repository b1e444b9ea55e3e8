from django.urls import path

from rehabplan.web.outbox import views

urlpatterns = [
    path("udbakke/fejlede/", views.failed_messages_view, name="failed-messages"),
    path("udbakke/<int:message_id>/send-igen/", views.retry_message_view, name="retry-message"),
]
