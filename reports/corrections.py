"""Corrections of a published report (DESIGN rule 11): opened by the lead inspector, naming what
they change, and closed by publishing the corrected final version.

While a correction is open only what it names can change (`part_unlocked`, which `judgements`
and `lscb` ask through `core.unlocks`), under the usual sign-off rules: a reopened judgement is
agreed again by its inspectorate lead, changed shared text is signed off again by every lead.
The public correction note is built here from what changed since the correction was opened.
"""

from __future__ import annotations

import dataclasses
import json

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import unlocks
from core.dates import long_date
from core.models import record_change
from inspections.models import Inspection, InspectionStatus
from inspections.permissions import inspection_access
from judgements.models import Judgement
from judgements.selectors import areas_not_agreed
from lscb.models import SharedTextKind
from lscb.selectors import shared_texts_not_agreed
from reports.content import report_content
from reports.models import OPEN_CORRECTION, Correction
from reports.permissions import check_open_correction

SECTIONS = "sections"
SECTIONS_LABEL = "The report's other sections"
REASON_MAX_LENGTH = 2000

ONLY_PUBLISHED = "A correction can only be opened once the report is published."
ALREADY_OPEN = (
    "A correction opened on {date} is still open: publish its corrected version before opening "
    "another."
)
REASON_REQUIRED = "Enter the reason for the correction: it is published with it"
REASON_TOO_LONG = f"The reason must be {REASON_MAX_LENGTH} characters or fewer"
NOTHING_NAMED = "Select what the correction changes"
GRADE_REASON_REQUIRED = "Enter why the grade changes: it is published with the correction"
UNKNOWN_JUDGEMENT = "Select only judgements of this inspection"
UNKNOWN_SHARED_TEXT = "Select the LSCB judgement or the summary of key findings"

# The text of a judgement, as the report prints it.
JUDGEMENT_TEXT_FIELDS = ("rationale", "strengths", "areas_for_improvement", "recommendations")
SHARED_TEXT_FIELDS = ("body", "improvements")
# What the note reads as sections of their own; anything else printed is "other sections".
OWN_SECTIONS = ("inspectorates", "lscb", "key_findings")


def content_snapshot(*, inspection: Inspection) -> dict:
    """The report's content as plain JSON: what a correction's note compares."""
    content = dataclasses.asdict(report_content(inspection=inspection))
    return json.loads(json.dumps(content, default=str))


def correction_open_for(*, inspection: Inspection) -> Correction | None:
    """The inspection's open correction, if any (one query)."""
    return Correction.objects.filter(OPEN_CORRECTION, inspection=inspection).first()


def part_unlocked(*, inspection: Inspection, part: str) -> bool:
    """`core.unlocks` answer: does an open correction of this inspection name `part`?

    A correction that changes a judgement's grade unlocks its text too.
    """
    correction = (
        Correction.objects.filter(OPEN_CORRECTION, inspection_id=inspection.pk)
        .only("parts")
        .first()
    )
    if correction is None:
        return False
    names = correction.part_names
    if part.startswith("judgement:"):
        return part in names or "judgement_grade:" + part.split(":", 1)[1] in names
    return part in names


def _judgement_label(judgement: Judgement, titles: dict[tuple[str, str], str]) -> str:
    code = judgement.inspectorate.code
    return f"{judgement.inspectorate.name}: {titles.get((code, judgement.area_code), '')}"


def _parts(
    inspection: Inspection,
    *,
    judgement_ids: list[int],
    grade_ids: list[int],
    grade_reason: str,
    shared_kinds: list[str],
    other_sections: bool,
) -> list[dict]:
    wanted = {int(pk) for pk in judgement_ids} | {int(pk) for pk in grade_ids}
    judgements = list(
        Judgement.objects.filter(inspection=inspection, pk__in=wanted)
        .select_related("inspectorate")
        .order_by("inspectorate__position", "pk")
    )
    if len(judgements) != len(wanted):
        raise ValidationError({"judgements": UNKNOWN_JUDGEMENT})
    if any(kind not in SharedTextKind.values for kind in shared_kinds):
        raise ValidationError({"shared_texts": UNKNOWN_SHARED_TEXT})
    if grade_ids and not grade_reason:
        raise ValidationError({"grade_reason": GRADE_REASON_REQUIRED})
    framework = inspection.framework
    titles = {
        (code, area.code): area.title
        for code in {j.inspectorate.code for j in judgements}
        for area in framework.for_inspectorate(code).areas
    }
    grades = {int(pk) for pk in grade_ids}
    parts = [
        {
            "part": unlocks.judgement(judgement.pk, grade=judgement.pk in grades),
            "label": _judgement_label(judgement, titles),
            "inspectorate": judgement.inspectorate.code,
            "area_code": judgement.area_code,
            "grade_reason": grade_reason if judgement.pk in grades else "",
        }
        for judgement in judgements
    ]
    parts += [
        {"part": unlocks.shared_text(kind), "label": SharedTextKind(kind).label}
        for kind in SharedTextKind.values
        if kind in shared_kinds
    ]
    if other_sections:
        parts.append({"part": SECTIONS, "label": SECTIONS_LABEL})
    return parts


@transaction.atomic
def correction_open(
    *,
    acting_user: AbstractBaseUser,
    inspection: Inspection,
    reason: str,
    judgement_ids: list[int] = (),
    grade_ids: list[int] = (),
    grade_reason: str = "",
    shared_kinds: list[str] = (),
    other_sections: bool = False,
) -> Correction:
    """Open a correction naming what it changes; only that unlocks until it is published."""
    inspection = (
        Inspection.objects.select_for_update()
        .select_related("local_authority")
        .get(pk=inspection.pk)
    )
    check_open_correction(inspection_access(acting_user, inspection))
    if inspection.status != InspectionStatus.PUBLISHED:
        raise ValidationError(ONLY_PUBLISHED)
    existing = correction_open_for(inspection=inspection)
    if existing is not None:
        raise ValidationError(ALREADY_OPEN.format(date=long_date(existing.created_at)))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": REASON_TOO_LONG})
    parts = _parts(
        inspection,
        judgement_ids=list(judgement_ids),
        grade_ids=list(grade_ids),
        grade_reason=(grade_reason or "").strip(),
        shared_kinds=list(shared_kinds),
        other_sections=other_sections,
    )
    if not parts:
        raise ValidationError({"judgements": NOTHING_NAMED})
    correction = Correction(
        inspection=inspection,
        reason=reason,
        opened_by=acting_user,
        parts=parts,
        before=content_snapshot(inspection=inspection),
    )
    record_change(correction, acting_user=acting_user, reason="Correction opened")
    correction.save()
    return correction


NOTHING_TO_WITHDRAW = "There is no open correction to withdraw."
WITHDRAW_AFTER_CHANGE = (
    "The correction can only be withdrawn while the report is exactly as published, with every "
    "judgement and shared text agreed: put back what changed, or publish the correction."
)


@transaction.atomic
def correction_withdraw(*, acting_user: AbstractBaseUser, inspection: Inspection) -> Correction:
    """Close an open correction unused, e.g. one that named the wrong part: only while nothing
    it unlocked has changed, so the published report still says what the inspection says."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    check_open_correction(inspection_access(acting_user, inspection))
    correction = (
        Correction.objects.select_for_update()
        .filter(OPEN_CORRECTION, inspection=inspection)
        .first()
    )
    if correction is None:
        raise ValidationError(NOTHING_TO_WITHDRAW)
    changed = correction_changes(
        correction=correction, after=content_snapshot(inspection=inspection)
    )
    if (
        changed
        or areas_not_agreed(inspection=inspection)
        or shared_texts_not_agreed(inspection=inspection)
    ):
        raise ValidationError(WITHDRAW_AFTER_CHANGE)
    correction.withdrawn_at = timezone.now()
    record_change(correction, acting_user=acting_user, reason="Correction withdrawn unused")
    correction.save()
    return correction


# --- The public note ---------------------------------------------------------------------------


def _grade_label(entry: dict) -> str:
    return (entry.get("grade_label") or "not graded").lower()


def _changes(name: str, before: dict | None, after: dict | None, fields, reason: str) -> list[str]:
    """One sentence for a judgement or shared text: its grade and whether its text changed."""
    if before is None and after is None:
        return []
    before, after = before or {}, after or {}
    lines = []
    if before.get("grade", "") != after.get("grade", ""):
        line = f"{name}: the grade changed from {_grade_label(before)} to {_grade_label(after)}."
        lines.append(f"{line} Reason: {reason}" if reason else line)
    if any(before.get(field, "") != after.get(field, "") for field in fields):
        lines.append(f"{name}: the text changed.")
    return lines


def correction_changes(*, correction: Correction, after: dict) -> list[str]:
    """What changed since the correction was opened, section by section, in the report's order."""
    before = correction.before
    reasons = {
        (entry.get("inspectorate"), entry.get("area_code")): entry.get("grade_reason", "")
        for entry in correction.parts
    }
    old_sections = {section["code"]: section for section in before.get("inspectorates", [])}
    lines: list[str] = []
    for section in after.get("inspectorates", []):
        was = old_sections.get(section["code"], {}).get("judgements", [])
        old = {entry["area_code"]: entry for entry in was}
        for entry in section["judgements"]:
            lines += _changes(
                f"{section['name']}: {entry['area_title']}",
                old.get(entry["area_code"]),
                entry,
                JUDGEMENT_TEXT_FIELDS,
                reasons.get((section["code"], entry["area_code"]), ""),
            )
    lines += _changes(
        SharedTextKind.LSCB_JUDGEMENT.label,
        before.get("lscb"),
        after.get("lscb"),
        SHARED_TEXT_FIELDS,
        "",
    )
    lines += _changes(
        SharedTextKind.KEY_FINDINGS.label,
        before.get("key_findings"),
        after.get("key_findings"),
        SHARED_TEXT_FIELDS,
        "",
    )
    if _other_sections(before) != _other_sections(after):
        lines.append(f"{SECTIONS_LABEL}: the text changed.")
    return lines


def _other_sections(content: dict) -> dict:
    """Everything printed but the judgements and shared text: the area, team, facts, and each
    inspectorate's heading and the services it inspected."""
    other = {key: value for key, value in content.items() if key not in OWN_SECTIONS}
    other["inspectorates"] = [
        {key: value for key, value in section.items() if key != "judgements"}
        for section in content.get("inspectorates", [])
    ]
    return other


def correction_note(*, correction: Correction, changes: list[str]) -> str:
    """The public note: each change on its own line, then the reason for the correction."""
    return "\n".join([*changes, f"Reason for the correction: {correction.reason}"])
