from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rehabplan.accounts"
    verbose_name = _("Brugere og roller")

    def ready(self) -> None:
        from rehabplan.accounts.roles import ensure_roles_after_migrate

        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="rehabplan-roles")

        from rehabplan.accounts.permission_names import danish_permission_names_after_migrate

        # Connected after django.contrib.auth's own handler, so new permissions exist by now.
        post_migrate.connect(
            danish_permission_names_after_migrate, dispatch_uid="rehabplan-permission-names"
        )

        from rehabplan.accounts.login import audit

        audit.connect()
