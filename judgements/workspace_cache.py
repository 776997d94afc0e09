"""The inspector's workspace is cached, and can never be stale (DESIGN rule 22, bench/README.md).

The part of the page that costs the most (every participating inspectorate's areas, evidence
counts, grades, statuses and leads: three queries and most of the template) is the same for
everyone on the team, and is read far more often than it changes. It is cached under a key that
holds two change counters (core/changes.py):

- the inspection's, bumped in the same transaction as every save or delete of its evidence, the
  evidence's areas, its judgements and its participations (the inspectorates and their leads),
  whichever service or admin page writes them;
- the names', bumped whenever a person's or an inspectorate's details are saved (a lead's name),
  except the last sign-in time that Django saves at every sign-in.

A process that sees a write's rows sees its counter too, so it never serves the page from before
the write; each process's own cache needs no invalidation.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Expression
from django.db.models.signals import post_delete, post_save

from core.changes import bump, counter, current, joined
from inspections.models import Inspection

WORKSPACE = "workspace"
NAMES = "names"


def workspace_key(inspection_id: int) -> str:
    """The cache-key part for one inspection's workspace: changes with every write it shows."""
    return current([(WORKSPACE, inspection_id), (NAMES, 0)])


# The same two counters, read in the query that reads the inspection and the access check
# (`inspections.selectors.inspection_get_for_user`): one query fewer on every workspace request,
# and the key is from the same moment as the rest of the page's first read.
KEY_ANNOTATIONS: dict[str, Expression] = {
    "workspace_counter": counter(WORKSPACE, Inspection),
    "names_counter": counter(NAMES, 0),
}


def workspace_key_of(inspection) -> str:
    """`workspace_key` from an inspection read with `KEY_ANNOTATIONS`."""
    return joined([inspection.workspace_counter, inspection.names_counter])


def _inspection_changed(sender, instance, **kwargs) -> None:
    bump(WORKSPACE, instance.inspection_id)


def _names_changed(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    bump(NAMES, 0)


def connect() -> None:
    """Called once, from the app's `ready()`."""
    from inspections.models import Participation
    from inspectorates.models import Inspectorate
    from judgements.models import Evidence, EvidenceArea, Judgement

    for model in (Evidence, EvidenceArea, Judgement, Participation):
        uid = f"workspace-{model._meta.label_lower}"
        post_save.connect(_inspection_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_inspection_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for model in (get_user_model(), Inspectorate):
        uid = f"workspace-names-{model._meta.label_lower}"
        post_save.connect(_names_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_names_changed, sender=model, dispatch_uid=f"{uid}-delete")
