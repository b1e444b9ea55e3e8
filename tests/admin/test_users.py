"""The user admin as the administrator of the second municipality."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

from rehabplan.accounts.models import User
from rehabplan.accounts.roles import ADMINISTRATOR, ROLES, THERAPIST

PASSWORD = "secret-pass-123"


def _change_data(user: User, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "groups": [group.pk for group in user.groups.all()],
    }
    data.update(overrides)
    return data


@pytest.fixture
def own_superuser(own):
    return User.objects.create_superuser(
        username="drift", password=PASSWORD, municipality=own.municipality
    )


def test_the_user_list_shows_only_own_municipality_and_no_superuser(
    admin_of_second, own, foreign, own_superuser
):
    page = admin_of_second.get("/admin/accounts/user/").content.decode()
    assert own.visitator.username in page
    assert foreign.visitator.username not in page
    assert foreign.administrator.username not in page
    # Neither the list nor its filters name the other municipality.
    assert foreign.municipality.name not in page
    assert own_superuser.username not in page


@pytest.mark.parametrize("suffix", ["change/", "password/", "history/"])
def test_a_user_of_another_municipality_cannot_be_opened(admin_of_second, foreign, suffix):
    response = admin_of_second.get(f"/admin/accounts/user/{foreign.visitator.pk}/{suffix}")
    assert response.status_code == 404


def test_a_user_of_another_municipality_cannot_have_its_password_reset(admin_of_second, foreign):
    response = admin_of_second.post(
        f"/admin/accounts/user/{foreign.visitator.pk}/password/",
        {"password1": "Overtaget-2026!", "password2": "Overtaget-2026!"},
    )
    assert response.status_code == 404
    foreign.visitator.refresh_from_db()
    assert foreign.visitator.check_password(PASSWORD)
    assert not admin_of_second.login(
        username=foreign.visitator.username, password="Overtaget-2026!"
    )


def test_a_user_of_another_municipality_cannot_be_changed(admin_of_second, foreign):
    response = admin_of_second.post(
        f"/admin/accounts/user/{foreign.visitator.pk}/change/",
        _change_data(foreign.visitator, first_name="Overtaget"),
    )
    assert response.status_code == 404
    foreign.visitator.refresh_from_db()
    assert foreign.visitator.first_name != "Overtaget"


@pytest.mark.parametrize("suffix", ["change/", "password/"])
def test_a_superuser_account_is_out_of_an_administrators_reach(
    admin_of_second, own_superuser, suffix
):
    response = admin_of_second.get(f"/admin/accounts/user/{own_superuser.pk}/{suffix}")
    assert response.status_code == 404


@pytest.mark.parametrize("acting", ["administrator", "superuser"])
def test_no_form_offers_superuser_staff_or_permission_fields(client, own, acting):
    if acting == "superuser":
        client.force_login(User.objects.create_superuser(username="drift", password=PASSWORD))
    else:
        client.force_login(own.administrator)
    for url in ("/admin/accounts/user/add/", f"/admin/accounts/user/{own.visitator.pk}/change/"):
        fields = client.get(url).context["adminform"].form.fields
        assert "groups" in fields
        assert not {"is_superuser", "is_staff", "user_permissions"} & set(fields)


def test_an_administrator_cannot_make_itself_a_superuser(admin_of_second, own):
    administrator = own.administrator
    permission = Permission.objects.get(codename="delete_user")
    response = admin_of_second.post(
        f"/admin/accounts/user/{administrator.pk}/change/",
        _change_data(
            administrator,
            is_superuser="on",
            is_staff="on",
            user_permissions=[permission.pk],
        ),
    )
    assert response.status_code == 302
    administrator.refresh_from_db()
    assert administrator.is_superuser is False
    assert administrator.user_permissions.count() == 0


def test_only_the_four_roles_can_be_given(admin_of_second, own):
    extra = Group.objects.create(name="udvidet")
    extra.permissions.set(Permission.objects.all())
    url = f"/admin/accounts/user/{own.visitator.pk}/change/"
    offered = admin_of_second.get(url).context["adminform"].form.fields["groups"].queryset
    assert sorted(offered.values_list("name", flat=True)) == sorted(ROLES)

    response = admin_of_second.post(url, _change_data(own.visitator, groups=[extra.pk]))
    assert response.status_code == 200
    assert "groups" in response.context["adminform"].form.errors
    assert not own.visitator.groups.filter(pk=extra.pk).exists()


def test_staff_status_follows_the_administrator_role(admin_of_second, own):
    user = own.visitator
    url = f"/admin/accounts/user/{user.pk}/change/"
    administrator_group = Group.objects.get(name=ADMINISTRATOR)
    admin_of_second.post(url, _change_data(user, groups=[administrator_group.pk]))
    user.refresh_from_db()
    assert user.is_staff is True

    therapist_group = Group.objects.get(name=THERAPIST)
    admin_of_second.post(url, _change_data(user, groups=[therapist_group.pk], is_staff="on"))
    user.refresh_from_db()
    assert user.is_staff is False


def test_a_new_user_belongs_to_the_administrators_municipality(admin_of_second, own, foreign):
    response = admin_of_second.post(
        "/admin/accounts/user/add/",
        {
            "username": "ny-terapeut",
            "usable_password": "true",
            "password1": "Rehab-plan-2026!",
            "password2": "Rehab-plan-2026!",
            "first_name": "Ny",
            "last_name": "Terapeut",
            "groups": [Group.objects.get(name=THERAPIST).pk],
            "municipality": foreign.municipality.pk,
            "is_superuser": "on",
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="ny-terapeut")
    assert created.municipality == own.municipality
    assert created.is_superuser is False
    assert created.is_staff is False
