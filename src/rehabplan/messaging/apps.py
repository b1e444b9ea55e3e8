from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "rehabplan.messaging"
    verbose_name = "Beskeder"
