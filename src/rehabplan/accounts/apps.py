from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rehabplan.accounts"
    verbose_name = _("Brugere og roller")

    def ready(self) -> None:
        from rehabplan.accounts.roles import ensure_roles_after_migrate

        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="rehabplan-roles")

        from rehabplan.accounts.login import audit

        audit.connect()
