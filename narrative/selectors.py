"""Reads of a narrative inspection: its theme, each agency's findings, and the joint letter's
content as the report prints it (DESIGN rule 16). Each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F

from core.text import display_name
from inspections.models import Inspection
from inspections.selectors import area_contacts, partner_bodies
from inspectorates.frameworks import Theme
from lscb.models import SharedTextKind, SharedTextVersion
from narrative.models import Finding, FindingKind, InspectionTheme


def theme_for(*, inspection: Inspection) -> Theme | None:
    chosen = InspectionTheme.objects.filter(inspection=inspection).first()
    if chosen is None:
        return None
    chosen.inspection = inspection
    return chosen.theme


@dataclass(frozen=True)
class FindingEntry:
    pk: int
    kind: str
    text: str
    sub_theme_codes: tuple[str, ...]
    sub_theme_titles: tuple[str, ...]


@dataclass(frozen=True)
class AgencyFindings:
    code: str
    name: str
    strengths: tuple[FindingEntry, ...]
    areas_for_improvement: tuple[FindingEntry, ...]

    @property
    def anchor(self) -> str:
        return "agency-" + self.code.replace("_", "-")

    @property
    def is_empty(self) -> bool:
        return not (self.strengths or self.areas_for_improvement)


def findings_by_agency(*, inspection: Inspection, theme: Theme | None) -> list[AgencyFindings]:
    """Every participating agency, in the inspectorates' order, with its findings: 2 queries."""
    titles = {sub.code: sub.title for sub in theme.sub_themes} if theme else {}
    findings: dict[int, list[Finding]] = {}
    for finding in Finding.objects.filter(inspection=inspection).order_by("created_at", "pk"):
        findings.setdefault(finding.inspectorate_id, []).append(finding)
    agencies = []
    for participation in inspection.participations.select_related("inspectorate"):
        inspectorate = participation.inspectorate
        entries = [
            FindingEntry(
                pk=f.pk,
                kind=f.kind,
                text=f.text,
                sub_theme_codes=tuple(f.sub_themes),
                sub_theme_titles=tuple(titles.get(code, code) for code in f.sub_themes),
            )
            for f in findings.get(inspectorate.pk, [])
        ]
        agencies.append(
            AgencyFindings(
                code=inspectorate.code,
                name=inspectorate.name,
                strengths=tuple(e for e in entries if e.kind == FindingKind.STRENGTH),
                areas_for_improvement=tuple(
                    e for e in entries if e.kind == FindingKind.AREA_FOR_IMPROVEMENT
                ),
            )
        )
    return agencies


def agencies_without_findings(*, inspection: Inspection) -> list[str]:
    """Names of participating agencies with no finding yet (publication waits for them)."""
    with_findings = set(
        Finding.objects.filter(inspection=inspection).values_list("inspectorate_id", flat=True)
    )
    return [
        p.inspectorate.name
        for p in inspection.participations.select_related("inspectorate")
        if p.inspectorate_id not in with_findings
    ]


# --- The joint letter ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Addressee:
    """One of the area's leaders the letter is to: a named contact of a partner body, or the
    body itself where it has no contact on record (DESIGN rule 18)."""

    name: str
    role: str
    body: str


@dataclass(frozen=True)
class Signatory:
    name: str
    role: str
    inspectorate_name: str


@dataclass(frozen=True)
class LetterContent:
    theme_code: str
    theme_title: str
    sub_themes: tuple[tuple[str, str], ...]
    addressees: tuple[Addressee, ...]
    agencies: tuple[AgencyFindings, ...]
    body: str
    next_steps: str
    signatories: tuple[Signatory, ...]
    statement_working_days: int


def _addressees(inspection: Inspection) -> tuple[Addressee, ...]:
    contacts: dict[int, list] = {}
    for contact in area_contacts(inspection.local_authority):
        contacts.setdefault(contact.partner_body_id, []).append(contact)
    found = []
    for body in partner_bodies(inspection.local_authority):
        named = contacts.get(body.pk)
        if named:
            found.extend(Addressee(c.name, c.role, body.name) for c in named[:1])
        else:
            found.append(Addressee("", body.get_kind_display(), body.name))
    return tuple(found)


def _signatories(inspection: Inspection) -> tuple[Signatory, ...]:
    signed = []
    for participation in inspection.participations.select_related("inspectorate", "lead"):
        lead = participation.lead
        if lead is None:
            continue
        is_lead_inspector = lead.pk == inspection.lead_inspector_id
        role = "Lead inspector" if is_lead_inspector else "Inspectorate lead"
        signed.append(Signatory(display_name(lead), role, participation.inspectorate.name))
    return tuple(signed)


def letter_content(*, inspection: Inspection) -> LetterContent | None:
    """What the joint letter prints, or None for a graded inspection: a fixed number of
    queries (the theme, the findings, the letter's current version, bodies, contacts, leads)."""
    theme = theme_for(inspection=inspection)
    if theme is None:
        return None
    version = SharedTextVersion.objects.filter(
        shared_text__inspection=inspection,
        shared_text__kind=SharedTextKind.JOINT_LETTER,
        number=F("shared_text__current_version"),
    ).first()
    return LetterContent(
        theme_code=theme.code,
        theme_title=theme.title,
        sub_themes=tuple((sub.code, sub.title) for sub in theme.sub_themes),
        addressees=_addressees(inspection),
        agencies=tuple(findings_by_agency(inspection=inspection, theme=theme)),
        body=version.body if version else "",
        next_steps=version.improvements if version else "",
        signatories=_signatories(inspection),
        statement_working_days=inspection.framework.statement_of_action_working_days,
    )
