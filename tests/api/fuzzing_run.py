"""One generated-requests run over every operation of the API, as in the suite and the benchmark."""

from __future__ import annotations

from rehabplan.api.v1.app import api
from tests.api.access import ACCESS
from tests.api.fuzzing import Tally, fuzz_operation, load_schema, operations
from tests.api.fuzzing_world import FuzzWorld, ids_of

# Requests per operation that name the other municipality's records in the path.
FOREIGN_ID_EXAMPLES = 16


def run_generated_requests(world: FuzzWorld, *, examples: int, progress=None) -> Tally:
    """About `examples` requests per operation, shared between the tokens and modes."""
    schema = load_schema(api.get_openapi_schema())
    tally = Tally()
    for operation in operations(schema):
        if progress is not None:
            progress(operation.label)
        fuzz_operation(operation, world.callers, access=ACCESS, examples=examples, tally=tally)
        names = {parameter.name for parameter in operation.path_parameters}
        for callers, owner in (
            (world.demo_callers, world.second),
            (world.second_callers, world.demo),
        ):
            ids = ids_of(owner)
            if names and names <= set(ids):
                fuzz_operation(
                    operation,
                    callers,
                    access=ACCESS,
                    examples=FOREIGN_ID_EXAMPLES,
                    tally=tally,
                    path_parameters={name: ids[name] for name in names},
                )
    return tally
