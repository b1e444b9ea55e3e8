from tests.course.conftest import demo_unit, make_unit  # noqa: F401 - shared fixtures
