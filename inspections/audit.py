"""The audit log: every recorded change, read-only, for programme administrators.

Every service writes its change through django-simple-history: one history row per changed row,
naming who (``history_user``), when (``history_date``), what (the row and ``history_type``), why
(``history_change_reason``) and holding the new values; the row before it holds the old ones.
This module reads those tables as one log, newest first, filterable by inspection and by user.

Children's personal details (a case sample's name, date of birth and agency references, and the
like) are never shown here: a change to them reads "(personal details changed)".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from crispy_forms_gds.layout import Field
from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import F, OuterRef, QuerySet, Subquery, Value
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.forms import gds_form_helper
from core.text import display_name
from inspections.models import Inspection
from inspections.permissions import is_programme_admin

NOT_ALLOWED = "Only programme administrators can read the audit log."
PERSONAL_DETAILS_HIDDEN = "(personal details changed)"
ENTRIES_PER_PAGE = 50
# Long text is cut in the log; the full old and new text stays on the row's own history page.
VALUE_LIMIT = 300

# Fields that say nothing a reader of the log needs: timestamps repeat `history_date`.
NOISE_FIELDS = frozenset({"created_at", "modified_at"})


@dataclass(frozen=True)
class AuditedModel:
    """One model whose history is part of the log."""

    label: str  # app_label.ModelName
    name: str  # what the log calls it
    # Path from the history row to its inspection's id; None for programme-wide rows.
    inspection_path: str | None
    personal_fields: frozenset[str] = frozenset()

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)

    @property
    def history_model(self) -> type[models.Model]:
        return self.model.history.model


AUDITED_MODELS: tuple[AuditedModel, ...] = (
    AuditedModel("inspections.Inspection", "Inspection", "id"),
    AuditedModel("inspections.Participation", "Inspectorate taking part", "inspection_id"),
    AuditedModel("inspections.TeamMember", "Team member", "inspection_id"),
    AuditedModel(
        "inspections.CaseSample",
        "Case sample",
        "inspection_id",
        personal_fields=frozenset({"child_name", "date_of_birth", "agency_references"}),
    ),
    AuditedModel(
        "inspections.ConcernReferral",
        "Concern about a child",
        "inspection_id",
        personal_fields=frozenset({"concern"}),
    ),
    AuditedModel(
        "judgements.Evidence",
        "Evidence",
        "inspection_id",
        personal_fields=frozenset({"staff_names"}),
    ),
    AuditedModel("judgements.EvidenceArea", "Evidence area", "evidence__inspection_id"),
    AuditedModel("judgements.Judgement", "Judgement", "inspection_id"),
    AuditedModel("lscb.SharedText", "Shared text", "inspection_id"),
    AuditedModel("lscb.SignOff", "Sign-off", "shared_text__inspection_id"),
    AuditedModel(
        "reports.ReportVersion",
        "Report version",
        "inspection_id",
        personal_fields=frozenset({"personal_data_findings"}),
    ),
    AuditedModel("reports.Publication", "Publication", "inspection_id"),
    AuditedModel("inspections.LocalAuthority", "Local authority", None),
    AuditedModel("selection.AreaIndicators", "Area indicators", None),
    AuditedModel("selection.PartnerConcern", "Partner concern", None),
    AuditedModel("selection.SelectionPolicy", "Selection policy", None),
    AuditedModel("selection.ProgrammeYear", "Programme year", None),
    AuditedModel("selection.Decision", "Selection decision", None),
)
AUDITED_BY_LABEL = {audited.label: audited for audited in AUDITED_MODELS}

HISTORY_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}


# --- Selectors ---------------------------------------------------------------------------------


def _entries(audited: AuditedModel, *, inspection_id: int | None, user_id: int | None):
    # No ordering inside the parts of a UNION: the union is ordered as a whole.
    history = audited.history_model.objects.order_by()
    if inspection_id is not None:
        if audited.inspection_path is None:
            return None
        history = history.filter(**{audited.inspection_path: inspection_id})
    if user_id is not None:
        history = history.filter(history_user_id=user_id)
    inspection = (
        F(audited.inspection_path)
        if audited.inspection_path
        else Value(None, output_field=models.BigIntegerField())
    )
    return history.annotate(
        model_label=Value(audited.label, output_field=models.CharField()),
        inspection_ref_id=inspection,
    ).values(
        "history_id",
        "history_date",
        "history_type",
        "history_user_id",
        "model_label",
        "inspection_ref_id",
    )


def audit_entries(*, inspection: Inspection | None = None, user=None) -> QuerySet:
    """Every history row of the audited models, newest first, as one query (UNION ALL)."""
    parts = [
        qs
        for audited in AUDITED_MODELS
        if (
            qs := _entries(
                audited,
                inspection_id=inspection.pk if inspection else None,
                user_id=user.pk if user else None,
            )
        )
        is not None
    ]
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-history_date", "-history_id")


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class AuditEvent:
    when: Any
    what: str
    object_id: int
    action: str
    reason: str
    user: Any
    inspection: Inspection | None
    changes: list[Change] = field(default_factory=list)


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(blank)"
    text = str(value)
    return text if len(text) <= VALUE_LIMIT else text[: VALUE_LIMIT - 1] + "…"


def _fields(history_model: type[models.Model], model: type[models.Model]) -> list[models.Field]:
    names = {f.name for f in model._meta.concrete_fields} - NOISE_FIELDS - {"id"}
    return [f for f in history_model._meta.concrete_fields if f.name in names]


def _changes(
    audited: AuditedModel,
    record,
    previous,
    related: dict[tuple[type[models.Model], Any], str],
) -> list[Change]:
    changes = []
    for model_field in _fields(audited.history_model, audited.model):
        attname = model_field.attname
        new = getattr(record, attname)
        old = getattr(previous, attname) if previous is not None else None
        if record.history_type == "-":
            old, new = new, None
        if previous is not None and record.history_type == "~" and old == new:
            continue
        if previous is None and record.history_type != "-" and new in (None, "", [], {}):
            continue
        label = str(model_field.verbose_name)
        if model_field.name in audited.personal_fields:
            changes.append(Change(label, "", PERSONAL_DETAILS_HIDDEN))
            continue
        if model_field.is_relation:
            target = model_field.related_model
            old = related.get((target, old), old)
            new = related.get((target, new), new)
        if record.history_type == "-":
            changes.append(Change(label, _shown(old), ""))
        elif previous is None:
            changes.append(Change(label, "", _shown(new)))
        else:
            changes.append(Change(label, _shown(old), _shown(new)))
    return changes


def audit_events(rows: list[dict]) -> list[AuditEvent]:
    """The page's rows with who, what and the old and new values: a fixed number of queries
    per kind of row on the page, whatever the size of the log."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_label[row["model_label"]].append(row["history_id"])
    records: dict[tuple[str, int], Any] = {}
    previous: dict[tuple[str, int], Any] = {}
    for label, ids in by_label.items():
        history_model = AUDITED_BY_LABEL[label].history_model
        pk_name = AUDITED_BY_LABEL[label].model._meta.pk.attname
        before = history_model.objects.filter(
            **{pk_name: OuterRef(pk_name)}, history_date__lt=OuterRef("history_date")
        ).order_by("-history_date", "-history_id")
        found = list(
            history_model.objects.filter(history_id__in=ids).annotate(
                previous_id=Subquery(before.values("history_id")[:1])
            )
        )
        earlier = {
            r.history_id: r
            for r in history_model.objects.filter(
                history_id__in=[r.previous_id for r in found if r.previous_id]
            )
        }
        for record in found:
            records[(label, record.history_id)] = record
            previous[(label, record.history_id)] = earlier.get(record.previous_id)

    # Related rows named in the changes (people, inspectorates, areas...), one query per model.
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for (label, _), record in records.items():
        audited = AUDITED_BY_LABEL[label]
        for model_field in _fields(audited.history_model, audited.model):
            if model_field.is_relation and model_field.name not in audited.personal_fields:
                for source in (record, previous[(label, record.history_id)]):
                    if source is not None and getattr(source, model_field.attname) is not None:
                        wanted[model_field.related_model].add(getattr(source, model_field.attname))
    wanted[get_user_model()].update(r["history_user_id"] for r in rows if r["history_user_id"])
    related: dict[tuple[type[models.Model], Any], str] = {}
    users = {}
    for model, pks in wanted.items():
        for obj in model._default_manager.filter(pk__in=pks):
            related[(model, obj.pk)] = str(obj)
            if model is get_user_model():
                users[obj.pk] = obj
    inspections = Inspection.objects.in_bulk(
        {r["inspection_ref_id"] for r in rows if r["inspection_ref_id"]}
    )

    events = []
    for row in rows:
        label = row["model_label"]
        audited = AUDITED_BY_LABEL[label]
        record = records[(label, row["history_id"])]
        events.append(
            AuditEvent(
                when=record.history_date,
                what=audited.name,
                object_id=getattr(record, audited.model._meta.pk.attname),
                action=HISTORY_TYPES.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                user=users.get(record.history_user_id),
                inspection=inspections.get(row["inspection_ref_id"]),
                changes=_changes(audited, record, previous[(label, record.history_id)], related),
            )
        )
    return events


# --- Filters and view --------------------------------------------------------------------------


class AuditFilterForm(forms.Form):
    inspection = forms.ModelChoiceField(
        queryset=Inspection.objects.select_related("local_authority").order_by("reference"),
        to_field_name="reference",
        required=False,
        label="Inspection",
        empty_label="All inspections and the programme",
    )
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.order_by("username"),
        to_field_name="username",
        required=False,
        label="Changed by",
        empty_label="Anyone",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].label_from_instance = lambda user: (
            f"{display_name(user)} ({user.username})" if user.get_full_name() else user.username
        )
        self.helper = gds_form_helper(
            Field.select("inspection"), Field.select("user"), submit="Filter", method="get"
        )


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    if not is_programme_admin(request.user):
        raise PermissionDenied(NOT_ALLOWED)
    form = AuditFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v is not None}
    page: Page | None = None
    events: list[AuditEvent] = []
    if not form.errors:
        page = Paginator(audit_entries(**filters), ENTRIES_PER_PAGE).get_page(
            request.GET.get("page")
        )
        events = audit_events(list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "inspections/audit.html",
        {
            "form": form,
            "page": page,
            "events": events,
            "query": query.urlencode(),
        },
        status=400 if form.errors else 200,
    )
