from tests.reporting.kpi_activity.conftest import (  # noqa: F401  (fixtures)
    demo_unit,
    make_unit,
    other,
    unit,
    varde,
)
