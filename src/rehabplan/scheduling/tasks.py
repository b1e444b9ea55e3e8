"""Background tasks: planning runs in a worker, never inside a web request."""

from __future__ import annotations

from django_tasks import task


@task()
def compute_proposal_task(proposal_id: int) -> None:
    from rehabplan.organisation.standards.registry import registry_scope
    from rehabplan.scheduling.memory import release_memory
    from rehabplan.scheduling.services import proposal_compute

    try:
        with registry_scope():
            proposal_compute(proposal_id)
    finally:
        # The worker lives on: give the run's memory back before the next task.
        release_memory()
