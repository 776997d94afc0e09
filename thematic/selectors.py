"""Reads of thematic series: the public overview (a fixed number of queries, whatever the
series' size) and the programme administrator's lists."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from inspections.models import Inspection
from inspectorates.frameworks import Theme
from inspectorates.models import Inspectorate
from inspectorates.registry import InspectionKind, framework_get
from narrative.models import Finding, FindingKind, InspectionTheme
from reports.selectors import publications_visible
from thematic.chart import Chart, chart_for
from thematic.models import Series


@dataclass(frozen=True)
class CountRow:
    sub_theme_code: str
    sub_theme_title: str
    agency_code: str
    agency_name: str
    strengths: int
    areas_for_improvement: int


@dataclass(frozen=True)
class Letter:
    area_name: str
    reference: str
    url: str
    published_on: datetime.date


@dataclass(frozen=True)
class Overview:
    series: Series
    theme: Theme
    rows: tuple[CountRow, ...]
    letters: tuple[Letter, ...]
    chart: Chart

    @property
    def by_sub_theme(self) -> list[tuple[str, list[CountRow]]]:
        """The rows grouped under their sub-theme, in the theme's order, for the table."""
        groups: dict[str, list[CountRow]] = {}
        for row in self.rows:
            groups.setdefault(row.sub_theme_title, []).append(row)
        return list(groups.items())

    def as_json(self) -> dict:
        """The open data: the series, its letters and every count (DESIGN section 6's API)."""
        return {
            "title": self.series.title,
            "slug": self.series.slug,
            "theme": {"code": self.theme.code, "title": self.theme.title},
            "published_at": self.series.published_at.isoformat(),
            "letters": [
                {
                    "area": letter.area_name,
                    "reference": letter.reference,
                    "url": letter.url,
                    "published_on": letter.published_on.isoformat(),
                }
                for letter in self.letters
            ],
            "counts": [
                {
                    "sub_theme": row.sub_theme_code,
                    "sub_theme_title": row.sub_theme_title,
                    "agency": row.agency_code,
                    "agency_name": row.agency_name,
                    "strengths": row.strengths,
                    "areas_for_improvement": row.areas_for_improvement,
                }
                for row in self.rows
            ],
        }


def series_theme(series: Series) -> Theme:
    return next(
        t for t in framework_get(series.framework_key).themes if t.code == series.theme_code
    )


def published_series() -> QuerySet[Series]:
    return Series.objects.filter(published_at__isnull=False).order_by("-published_at")


def series_for_admin() -> QuerySet[Series]:
    return Series.objects.all().order_by("-created_at")


def _letters(inspection_ids: list[int]) -> tuple[Letter, ...]:
    """Each inspection's first visible publication: the letter's address and date."""
    letters: dict[int, Letter] = {}
    publications = (
        publications_visible()
        .filter(inspection_id__in=inspection_ids)
        .select_related("inspection__local_authority")
        .order_by("publish_at", "pk")
    )
    for publication in publications:
        if publication.inspection_id in letters:
            continue
        inspection = publication.inspection
        letters[inspection.pk] = Letter(
            area_name=inspection.local_authority.name,
            reference=inspection.reference,
            url=reverse("reports:detail", args=[publication.slug]),
            published_on=timezone.localdate(publication.publish_at),
        )
    return tuple(
        sorted(letters.values(), key=lambda letter: (letter.published_on, letter.area_name))
    )


def overview_for(series: Series) -> Overview:
    """The counts over the series' letters: each finding counts once for every sub-theme it is
    tagged with, under its agency and its kind. Five queries."""
    theme = series_theme(series)
    ids = list(series.members.values_list("inspection_id", flat=True))
    tally: Counter[tuple[str, str, str]] = Counter()
    for code, kind, tags in Finding.objects.filter(inspection_id__in=ids).values_list(
        "inspectorate__code", "kind", "sub_themes"
    ):
        for tag in tags:
            tally[(tag, code, kind)] += 1
    agencies = [
        (i.code, i.name)
        for i in Inspectorate.objects.filter(code__in={code for _, code, _ in tally}).order_by(
            "position"
        )
    ]
    rows, chart_rows = [], []
    for sub in theme.sub_themes:
        bars = []
        for code, name in agencies:
            strengths = tally[(sub.code, code, FindingKind.STRENGTH)]
            areas = tally[(sub.code, code, FindingKind.AREA_FOR_IMPROVEMENT)]
            rows.append(CountRow(sub.code, sub.title, code, name, strengths, areas))
            bars.append((name, strengths, areas))
        chart_rows.append((sub.title, bars))
    return Overview(series, theme, tuple(rows), _letters(ids), chart_for(chart_rows))


def published_overview(*, slug: str) -> Overview:
    series = published_series().filter(slug=slug).first()
    if series is None:
        raise Http404("No such published overview.")
    return overview_for(series)


def candidate_inspections(series: Series) -> list[Inspection]:
    """Published narrative inspections of the series' theme not yet in it."""
    ids = InspectionTheme.objects.filter(theme_code=series.theme_code).values("inspection_id")
    visible = publications_visible().values("inspection_id")
    return list(
        Inspection.objects.filter(pk__in=ids, kind=InspectionKind.JOINT_TARGETED_AREA)
        .filter(pk__in=visible)
        .exclude(pk__in=series.members.values("inspection_id"))
        .select_related("local_authority")
        .order_by("local_authority__name")
    )
