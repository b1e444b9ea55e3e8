"""The four staff roles as Django groups, each with the permissions its work needs."""

from __future__ import annotations

from typing import Any

VISITATOR = "visitator"
THERAPIST = "terapeut"
LEADER = "leder"
ADMINISTRATOR = "administrator"
ROLES = (VISITATOR, THERAPIST, LEADER, ADMINISTRATOR)

ROLE_LABELS = {
    VISITATOR: "Visitator",
    THERAPIST: "Terapeut",
    LEADER: "Leder",
    ADMINISTRATOR: "Administrator",
}

# "app_label.codename" for every permission a role holds.
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    VISITATOR: (
        "citizens.view_citizen",
        "citizens.add_citizen",
        "citizens.change_citizen",
        "citizens.record_consent",
        "courses.view_referral",
        "courses.register_referral",
        "courses.decide_referral",
        "courses.view_course",
        "courses.record_miss_reason",
        "outbox.resend_message",
    ),
    THERAPIST: (
        "citizens.view_citizen",
        "citizens.change_citizen",
        "citizens.record_consent",
        "courses.view_referral",
        "courses.view_course",
        "courses.document_course",
    ),
    LEADER: (
        "citizens.view_citizen",
        "courses.view_referral",
        "courses.view_course",
        "courses.plan_courses",
        "courses.record_miss_reason",
        "whatif.run_whatif",
        "audit.view_auditentry",
        "organisation.view_teamclass",
        "organisation.view_therapist",
        "reporting.view_kpi",
        "reporting.export_research",
        "reporting.view_researchexport",
        "reporting.deliver_kl_gateway",
        "reporting.view_klgatewaydelivery",
        "outbox.resend_message",
        "trainingpackages.adapt_localpackage",
    ),
    ADMINISTRATOR: (
        "organisation.view_municipality",
        "organisation.add_hospitalunit",
        "organisation.change_hospitalunit",
        "organisation.view_hospitalunit",
        "organisation.add_municipalstandard",
        "organisation.view_municipalstandard",
        "organisation.add_location",
        "organisation.change_location",
        "organisation.view_location",
        "organisation.add_teamclass",
        "organisation.change_teamclass",
        "organisation.view_teamclass",
        "organisation.add_therapist",
        "organisation.change_therapist",
        "organisation.view_therapist",
        "organisation.add_workinghours",
        "organisation.change_workinghours",
        "organisation.delete_workinghours",
        "organisation.view_workinghours",
        "organisation.add_absence",
        "organisation.change_absence",
        "organisation.delete_absence",
        "organisation.view_absence",
        "organisation.add_closedday",
        "organisation.change_closedday",
        "organisation.delete_closedday",
        "organisation.view_closedday",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "api.add_apitoken",
        "api.change_apitoken",
        "api.view_apitoken",
        "trainingpackages.adapt_localpackage",
    ),
}


def ensure_roles() -> None:
    """Create or update the role groups so they hold exactly their permissions."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    # post_migrate reaches the apps one by one; make sure every app's permissions exist first.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    for role, permission_names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        permissions = []
        for name in permission_names:
            app_label, codename = name.split(".")
            permissions.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)


def ensure_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    if getattr(sender, "name", "") == "rehabplan.accounts":
        ensure_roles()
