"""What each app declares it audits: the models whose history the audit log reads.

Each app registers its own models in its `AppConfig.ready()`, naming what the log calls them,
how a history row finds its inspection, and which fields hold children's personal details (never
shown). The audit app reads the registry; it names no app's models itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class AuditedModel:
    """One model whose history is part of the audit log."""

    model: type[models.Model]
    name: str  # what the log calls it
    # Path from the history row to its inspection's id; None for programme-wide rows.
    inspection_path: str | None
    personal_fields: frozenset[str] = frozenset()

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def history_model(self) -> type[models.Model]:
        return self.model.history.model


_audited: dict[str, AuditedModel] = {}


def audit_register(
    model: type[models.Model],
    *,
    name: str,
    inspection_path: str | None,
    personal_fields: Iterable[str] = (),
) -> None:
    """Declare that `model`'s history (django-simple-history) belongs in the audit log.

    Registering a model again replaces its entry, so a `ready()` that runs twice is harmless.
    """
    if not hasattr(model, "history"):
        raise TypeError(f"{model._meta.label} keeps no history to audit.")
    _audited[model._meta.label] = AuditedModel(
        model=model,
        name=name,
        inspection_path=inspection_path,
        personal_fields=frozenset(personal_fields),
    )


def audited_models() -> tuple[AuditedModel, ...]:
    """Every audited model, in the order the apps registered them."""
    return tuple(_audited.values())


def audited_model(label: str) -> AuditedModel:
    """The audited model with this label (``app_label.ModelName``)."""
    return _audited[label]
