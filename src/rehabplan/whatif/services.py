"""What-if runs: a leader asks for a replay of a draft standard; a task computes it.

Nothing here writes anything but the run itself and the audit log: the replay reads the
municipality's history and compares two standards in memory.
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan import rules
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.organisation.standards import installation_registry
from rehabplan.rules.calendar import add_months
from rehabplan.rules.whatif import Replay, draft_registry
from rehabplan.whatif.models import WhatIfRun, WhatIfState
from rehabplan.whatif.selectors import historic_cases, history_size

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.organisation.models import Municipality

logger = logging.getLogger(__name__)
PERMISSION = "whatif.run_whatif"
DRAFT_MAX_BYTES = 256 * 1024
REPLAY_MONTHS = 12


def current_standards() -> rules.StandardsRegistry:
    """The standards in force: the one place what-if asks for them."""
    return installation_registry()


def replay_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last 12 months up to and including `today`."""
    return add_months(today, -REPLAY_MONTHS) + datetime.timedelta(days=1), today


def _draft(
    municipality: Municipality, text: str, file_name: str, since: datetime.date
) -> tuple[rules.StandardsRegistry, str]:
    """The draft's registry and version label; the loader's error (with line) on the form."""
    try:
        return draft_registry(
            current_standards(),
            text,
            file_name,
            slug=municipality.slug,
            kommunekode=municipality.code,
            since=since,
        )
    except rules.StandardError as error:
        raise ValidationError({"draft": [str(error)]}) from None


@transaction.atomic
def whatif_request(*, user: User, draft: bytes, file_name: str) -> WhatIfRun:
    """Check the draft against the municipality and the loader, store it and start the replay."""
    if not user.municipality_id:
        raise ValidationError(_("Din bruger er ikke knyttet til en kommune."))
    if not user.has_perm(PERMISSION):
        raise PermissionDenied(_("Din rolle giver ikke adgang til at afprøve udkast."))
    if len(draft) > DRAFT_MAX_BYTES:
        raise ValidationError({"draft": [_("Filen er for stor; et udkast fylder højst 256 kB.")]})
    try:
        text = draft.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(
            {"draft": [_("Filen er ikke en tekstfil i UTF-8; gem udkastet som TOML i UTF-8.")]}
        ) from None
    file_name = (file_name or "udkast.toml")[:200]
    municipality = user.municipality
    since, until = replay_period(timezone.localdate())
    _registry, label = _draft(municipality, text, file_name, since)
    run = WhatIfRun.objects.create(
        municipality=municipality,
        created_by=user,
        file_name=file_name,
        draft_text=text,
        draft_version=label,
        period_start=since,
        period_end=until,
    )
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        summary=_("%(draft)s sat til afprøvning (fil %(file)s)")
        % {"draft": run.draft_label, "file": file_name},
        target=run,
    )
    from rehabplan.whatif.tasks import replay_draft_task

    transaction.on_commit(lambda: replay_draft_task.enqueue(run.pk))
    return run


def _save(run: WhatIfRun, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(run, name, value)
    WhatIfRun.objects.of_municipality(run.municipality_id).filter(pk=run.pk).update(**fields)


def whatif_compute(run_id: int) -> WhatIfRun:
    """Replay the run's draft over the period, batch by batch, writing progress as it goes."""
    run = WhatIfRun.objects.select_related("municipality").get(pk=run_id)
    if run.state not in (WhatIfState.QUEUED, WhatIfState.FAILED):
        return run
    municipality = run.municipality
    try:
        registry, label = _draft(municipality, run.draft_text, run.file_name, run.period_start)
        total = history_size(
            municipality=municipality, since=run.period_start, until=run.period_end
        )
        _save(run, state=WhatIfState.RUNNING, cases_total=total, cases_done=0, error="")
        replay = Replay(
            current_standards(),
            registry,
            municipality.slug,
            as_of=run.period_end,
            draft_version=label,
        )
        for batch in historic_cases(
            municipality=municipality, since=run.period_start, until=run.period_end
        ):
            replay.add(batch)
            _save(run, cases_done=replay.cases)
        result = replay.result().to_dict()
    except (rules.RulesError, ValidationError) as error:
        logger.warning("What-if run %s failed: %s", run.pk, type(error).__name__)
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        _save(run, state=WhatIfState.FAILED, error=message, finished_at=timezone.now())
        return run
    except Exception:
        # Never leave the page polling a run that stopped: say so, and keep the trace in the log.
        logger.exception("What-if run %s stopped", run.pk)
        message = _("Afprøvningen stoppede på grund af en fejl. Prøv igen om lidt.")
        _save(run, state=WhatIfState.FAILED, error=message, finished_at=timezone.now())
        raise
    _save(
        run,
        state=WhatIfState.DONE,
        result=result,
        cases_total=replay.cases,
        cases_done=replay.cases,
        finished_at=timezone.now(),
    )
    return run
