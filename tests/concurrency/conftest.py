from tests.course.conftest import demo_unit, make_unit  # noqa: F401 - shared fixtures
from tests.decisions.conftest import (  # noqa: F401  (fixtures)
    make_citizen,
    make_referral,
    naestved,
    staff,
)
