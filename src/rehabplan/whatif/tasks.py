"""The replay runs in a task worker, never inside a web request."""

from __future__ import annotations

from django_tasks import task


@task()
def replay_draft_task(run_id: int) -> None:
    from rehabplan.organisation.standards.registry import registry_scope
    from rehabplan.whatif.services import whatif_compute

    with registry_scope():
        whatif_compute(run_id)
