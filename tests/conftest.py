from __future__ import annotations

import datetime

import pytest

from rehabplan.accounts.roles import ADMINISTRATOR, LEADER, THERAPIST, VISITATOR


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """The whole suite runs on one pytest-xdist worker per CPU, each worker with a test database
    of its own and whole files at a time, so a module's shared seed is made once. A run of
    chosen files or tests stays in one process, where -s and --pdb work as usual; -n decides
    otherwise either way (-n 0: one process)."""
    whole_suite = config.args_source == pytest.Config.ArgsSource.TESTPATHS
    is_worker = hasattr(config, "workerinput")
    if not whole_suite or is_worker or not config.pluginmanager.hasplugin("xdist"):
        return
    if config.option.numprocesses is None:
        config.option.numprocesses = "auto"
    if config.option.dist == "no":
        config.option.dist = "loadfile"
        # Files in collection order, slow ones first (below), not by their number of tests.
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked slow run first, so parallel workers finish together instead of one still
    walking every screen long after the other is done."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session", autouse=True)
def _flush_through_the_retention_permit():
    """Tests on `transactional_db` or `live_server` end with Django emptying every table; the
    audit log's triggers allow that only through the permit the retention service uses."""
    from django.test import TransactionTestCase

    from rehabplan.audit.retention import retention_permit

    original = TransactionTestCase._fixture_teardown

    def teardown(self) -> None:
        with retention_permit("test database flush"):
            original(self)

    TransactionTestCase._fixture_teardown = teardown
    yield
    TransactionTestCase._fixture_teardown = original


@pytest.fixture
def municipality(db):
    from rehabplan.organisation.models import Municipality

    return Municipality.objects.create(slug="demo", code=999, name="Demo Kommune")


@pytest.fixture
def other_municipality(db):
    from rehabplan.organisation.models import Municipality

    return Municipality.objects.create(slug="varde", code=573, name="Varde Kommune")


@pytest.fixture
def make_user(db):
    from django.contrib.auth.models import Group

    from rehabplan.accounts.models import User
    from rehabplan.accounts.roles import ensure_roles

    ensure_roles()

    def make(username: str, role: str, municipality) -> User:
        user = User.objects.create_user(
            username=username, password="secret-pass-123", municipality=municipality
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def visitator(make_user, municipality):
    return make_user("visitator", VISITATOR, municipality)


@pytest.fixture
def therapist_user(make_user, municipality):
    return make_user("terapeut", THERAPIST, municipality)


@pytest.fixture
def leader(make_user, municipality):
    return make_user("leder", LEADER, municipality)


@pytest.fixture
def administrator(make_user, municipality):
    return make_user("administrator", ADMINISTRATOR, municipality)


@pytest.fixture
def citizen(visitator):
    from rehabplan.citizens.services import citizen_create

    return citizen_create(
        user=visitator,
        cpr="010150-1234",
        first_name="Karen",
        last_name="Sørensen",
        address="Kirkevej 4",
        postcode="9990",
        city="Demoby",
    )


@pytest.fixture
def today() -> datetime.date:
    return datetime.date(2026, 11, 23)
