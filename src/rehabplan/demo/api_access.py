"""The demo's other system: a system user with a fresh API token at every start, so that the
worked example in docs/api.md runs against the demo at once, and the admin's list of tokens
shows both a live one and the ones revoked before it."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from rehabplan.accounts.models import User
from rehabplan.accounts.roles import ADMINISTRATOR, THERAPIST, VISITATOR
from rehabplan.api.models import ApiToken
from rehabplan.api.tokens import api_token_create, api_token_revoke
from rehabplan.organisation.models import Municipality

SYSTEM_USERNAME = "omsorgssystem"
TOKEN_NAME = "Demo: omsorgssystemets integration"


def _system_user(municipality: Municipality) -> User:
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={
            "first_name": "Omsorgssystemet",
            "municipality": municipality,
            "is_system": True,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(*Group.objects.filter(name__in=(VISITATOR, THERAPIST)))
    return user


@transaction.atomic
def demo_api_token(municipality: Municipality) -> str:
    """A new token for the demo's system user, the earlier demo tokens revoked; the plain text
    is returned for the console and is not kept."""
    administrator = User.objects.get(username=ADMINISTRATOR, municipality=municipality)
    system = _system_user(municipality)
    for earlier in ApiToken.objects.filter(user=system, name=TOKEN_NAME, revoked_at=None):
        api_token_revoke(user=administrator, token=earlier)
    return api_token_create(created_by=administrator, user=system, name=TOKEN_NAME).plain_text
