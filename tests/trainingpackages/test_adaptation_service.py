"""Adapting a national package: a local copy in numbered versions, every difference with its
reason, content read back as a package, the national file untouched, an audit row per version."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rehabplan.audit.models import AuditEntry
from rehabplan.exercises.packages import PACKAGES_FOLDER, package_from_mapping
from rehabplan.trainingpackages.models import LocalPackage, LocalPackageVersion
from rehabplan.trainingpackages.services.adaptation import (
    local_package_create,
    local_version_create,
)


def _content(national, **changes):
    content = national.to_mapping()
    content.update(changes)
    return content


def _folder_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGES_FOLDER.glob("*.toml")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_a_copy_with_reasons_is_version_1_and_lists_the_changes(leader, national):
    before = _folder_digest()
    version = local_package_create(
        user=leader,
        national_key=national.key,
        name="Konditionshold i Demo",
        content=_content(national, weeks=12),
        reasons={"weeks": "Holdene kører i skolernes halvår."},
    )
    assert version.number == 1
    assert version.local_package.name == "Konditionshold i Demo"
    assert version.national_version == national.version
    assert version.changes == [
        {
            "field": "weeks",
            "label": "Antal uger",
            "national": "16",
            "local": "12",
            "reason": "Holdene kører i skolernes halvår.",
        }
    ]
    package = package_from_mapping(version.content)
    assert package.weeks == 12 and package.name == "Konditionshold i Demo"
    assert _folder_digest() == before  # the national file is never written
    entry = AuditEntry.objects.get(object_type="localpackageversion", object_id=str(version.pk))
    assert entry.action == "create" and "version 1" in entry.summary


def test_a_difference_without_a_reason_is_refused_naming_the_item(leader, national):
    with pytest.raises(ValidationError) as caught:
        local_package_create(
            user=leader,
            national_key=national.key,
            name="Uden begrundelse",
            content=_content(national, weeks=12, sessions_per_week=2),
            reasons={"weeks": "  "},
        )
    assert caught.value.messages == [
        "Skriv en begrundelse for ændringen af antal uger.",
        "Skriv en begrundelse for ændringen af træninger om ugen.",
    ]
    assert not LocalPackage.objects.exists()


def test_a_name_the_municipality_has_already_is_a_form_error(leader, national):
    local_package_create(
        user=leader,
        national_key=national.key,
        name="Hold A",
        content=_content(national),
        reasons={},
    )
    with pytest.raises(ValidationError) as caught:
        local_package_create(
            user=leader,
            national_key=national.key,
            name="Hold A",
            content=_content(national),
            reasons={},
        )
    assert caught.value.message_dict == {
        "name": ["Kommunen har allerede en lokal pakke med det navn."]
    }
    assert LocalPackage.objects.count() == 1 and LocalPackageVersion.objects.count() == 1


def test_content_that_is_no_package_is_refused_in_danish_and_nothing_is_written(leader, national):
    with pytest.raises(ValidationError, match="indholdet ikke er gyldigt: skal være mellem"):
        local_package_create(
            user=leader,
            national_key=national.key,
            name="Forkert",
            content=_content(national, weeks=500),
            reasons={"weeks": "Et helt år og mere."},
        )
    assert not LocalPackage.objects.exists()
    assert not AuditEntry.objects.filter(object_type="localpackageversion").exists()


def test_a_new_version_is_numbered_next_and_may_rename(leader, national):
    first = local_package_create(
        user=leader,
        national_key=national.key,
        name="Hold A",
        content=_content(national),
        reasons={},
    )
    second = local_version_create(
        user=leader,
        local_package_id=first.local_package_id,
        name="Hold A, efterår",
        content=_content(national, minutes_per_session=45),
        reasons={"minutes_per_session": "Salen er kun ledig 45 minutter."},
        note="Kortere træninger.",
    )
    assert second.number == 2 and second.note == "Kortere træninger."
    assert LocalPackage.objects.get().name == "Hold A, efterår"
    assert [c["field"] for c in second.changes] == ["minutes_per_session"]


def test_a_therapist_may_not_adapt(therapist_user, national):
    with pytest.raises(PermissionDenied):
        local_package_create(
            user=therapist_user,
            national_key=national.key,
            name="Nej",
            content=_content(national),
            reasons={},
        )


def test_the_administrator_may_adapt(administrator, national):
    version = local_package_create(
        user=administrator,
        national_key=national.key,
        name="Adm",
        content=_content(national),
        reasons={},
    )
    assert version.number == 1


def test_a_leader_of_another_municipality_cannot_add_a_version(leader, other_leader, national):
    first = local_package_create(
        user=leader,
        national_key=national.key,
        name="Hold A",
        content=_content(national),
        reasons={},
    )
    with pytest.raises(ValidationError, match="findes ikke"):
        local_version_create(
            user=other_leader,
            local_package_id=first.local_package_id,
            name="Overtaget",
            content=_content(national),
            reasons={},
        )
    assert LocalPackageVersion.objects.count() == 1
    assert LocalPackage.objects.get().name == "Hold A"
