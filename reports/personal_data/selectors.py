"""Reads of the personal-data check's findings: what the team reviews, and what is still missing
before a draft leaves the team or a final version is published (DESIGN rule 19).

A version's findings are grouped by their key: the same words of the same record found on
several pages are one thing to review, and one acknowledgement covers them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from inspections.models import Inspection
from reports.models import (
    FindingAcknowledgement,
    PersonalDataCheck,
    ReportPurpose,
    ReportState,
    ReportVersion,
)
from reports.personal_data import personal_data_terms, terms_digest

BLOCKING_FOUND = (
    "The personal-data check found personal data in {version}: {findings}. Remove it and ask "
    "for a new version."
)
WARNINGS_NOT_ACKNOWLEDGED = (
    "The personal-data check on {version} has {count} not yet acknowledged: {findings}. The "
    "lead inspector or an inspectorate lead must acknowledge each on the version's page, with a "
    "reason, or remove the words and ask for a new version."
)
CHECK_NOT_RUN = "The personal-data check has not been run on {version}."
CHECK_STALE = (
    "The personal-data check on {version} is out of date: case samples or staff names in "
    "evidence have changed since it ran. Ask for a new version."
)
NO_READY_DRAFT = "There is no ready factual accuracy draft to check for personal data."


@dataclass
class FindingGroup:
    """One thing to review: the same words of one record, wherever the version has them."""

    key: str
    label: str
    blocking: bool
    places: list[dict] = field(default_factory=list)
    acknowledgement: FindingAcknowledgement | None = None

    @property
    def needs_acknowledgement(self) -> bool:
        return not self.blocking and self.acknowledgement is None


def _findings(version: ReportVersion) -> list[dict]:
    # Findings stored before warnings existed named no key and all blocked publication.
    return [
        {"key": "", "blocking": True, "label": f.get("what", ""), **f}
        for f in version.personal_data_findings
    ]


def finding_groups(*, version: ReportVersion) -> list[FindingGroup]:
    """The version's findings, blocking ones first, each with its acknowledgement. One query."""
    acknowledged = {
        a.finding_key: a
        for a in FindingAcknowledgement.objects.filter(version=version).select_related(
            "acknowledged_by"
        )
    }
    groups: dict[str, FindingGroup] = {}
    for finding in _findings(version):
        key = finding["key"] or finding["label"]
        group = groups.setdefault(
            key,
            FindingGroup(
                key=key,
                label=finding["label"],
                blocking=finding["blocking"],
                acknowledgement=acknowledged.get(key),
            ),
        )
        group.places.append(finding)
    return sorted(groups.values(), key=lambda g: (not g.blocking, g.label))


def _where(finding: dict) -> str:
    return finding.get("where", "")


def _version_name(version: ReportVersion) -> str:
    kind = "final version" if version.purpose == ReportPurpose.FINAL else "factual accuracy draft"
    return f"{kind} {version.number}"


def check_missing(*, version: ReportVersion, inspection: Inspection) -> list[str]:
    """What the personal-data check still needs on a ready version: no blocking finding, every
    warning acknowledged, and run against what is recorded now. Never quotes personal data."""
    name = _version_name(version)
    if version.personal_data_check == PersonalDataCheck.NOT_RUN:
        return [CHECK_NOT_RUN.format(version=name)]
    missing = []
    groups = finding_groups(version=version)
    blocking = [g for g in groups if g.blocking]
    if blocking:
        found = "; ".join(
            f"{g.label} in {', '.join(_where(f) for f in g.places)}" for g in blocking
        )
        missing.append(BLOCKING_FOUND.format(version=name, findings=found))
    waiting = [g for g in groups if g.needs_acknowledgement]
    if waiting:
        count = f"{len(waiting)} warning{'s' if len(waiting) != 1 else ''}"
        found = "; ".join(g.label for g in waiting)
        missing.append(WARNINGS_NOT_ACKNOWLEDGED.format(version=name, count=count, findings=found))
    if not missing and version.personal_data_terms_digest != terms_digest(
        personal_data_terms(inspection=inspection)
    ):
        missing.append(CHECK_STALE.format(version=name))
    return missing


def newest_ready_draft(*, inspection: Inspection) -> ReportVersion | None:
    return (
        ReportVersion.objects.filter(
            inspection=inspection,
            purpose=ReportPurpose.FACTUAL_ACCURACY,
            state=ReportState.READY,
        )
        .order_by("-number")
        .first()
    )


def send_draft_missing(*, inspection: Inspection) -> list[str]:
    """The "send_draft" gate (core.gates): the newest ready factual accuracy draft may leave the
    team only with no blocking finding and every warning acknowledged."""
    draft = newest_ready_draft(inspection=inspection)
    if draft is None:
        return [NO_READY_DRAFT]
    return check_missing(version=draft, inspection=inspection)
