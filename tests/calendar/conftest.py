from tests.course.conftest import demo_unit, make_unit, varde  # noqa: F401
