"""Keeping a thematic series: creating it, adding published letters of its theme, publishing its
overview (DESIGN rule 16). Each checks who acts, applies the rule and records history, in one
transaction. A published overview is fixed (rule 8): its series takes no more letters."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.models import record_change
from inspections.models import Inspection
from inspectorates.frameworks import Mode
from inspectorates.registry import framework_get
from narrative.models import InspectionTheme
from reports.selectors import publications_visible
from thematic.models import Series, SeriesMember
from thematic.permissions import check_keep_series

TITLE_REQUIRED = "Enter the title of the series"
THEME_REQUIRED = "Select the theme of the series"
THEME_UNKNOWN = "Select one of the framework's themes"
SLUG_TAKEN = "A series with this title already exists: give it a different title"
NOT_NARRATIVE_PUBLISHED = "{reference} is not a published joint targeted area inspection."
OTHER_THEME = "{reference} looked at another theme."
ALREADY_IN_SERIES = "{reference} is already in the series."
SERIES_PUBLISHED = "The overview is published: its series is fixed."
TOO_FEW_LETTERS = "A series needs at least {n} published letters before its overview is published."
MIN_LETTERS = 2


@transaction.atomic
def series_create(
    *,
    acting_user: AbstractBaseUser,
    title: str,
    framework_key: str,
    theme_code: str,
    summary: str = "",
) -> Series:
    check_keep_series(acting_user)
    title, errors = " ".join(title.split()), {}
    if not title:
        errors["title"] = TITLE_REQUIRED
    themes = {t.code for t in framework_get(framework_key).themes}
    if not theme_code:
        errors["theme_code"] = THEME_REQUIRED
    elif theme_code not in themes:
        errors["theme_code"] = THEME_UNKNOWN
    slug = slugify(title)[:120]
    if title and Series.objects.filter(slug=slug).exists():
        errors["title"] = SLUG_TAKEN
    if errors:
        raise ValidationError(errors)
    series = Series(
        title=title,
        slug=slug,
        theme_code=theme_code,
        framework_key=framework_key,
        summary=summary.strip(),
        created_by=acting_user,
    )
    record_change(series, acting_user=acting_user, reason="Series created")
    series.save()
    return series


def _lock(series: Series) -> Series:
    series = Series.objects.select_for_update().get(pk=series.pk)
    if series.is_published:
        raise ValidationError(SERIES_PUBLISHED)
    return series


@transaction.atomic
def series_add_inspection(
    *, acting_user: AbstractBaseUser, series: Series, inspection: Inspection
) -> SeriesMember:
    """Add a published letter of the series' theme (publicly visible, so the overview never
    counts what the public cannot read)."""
    check_keep_series(acting_user)
    series = _lock(series)
    reference = inspection.reference
    published = publications_visible().filter(inspection=inspection).exists()
    if inspection.framework.mode != Mode.NARRATIVE or not published:
        raise ValidationError(NOT_NARRATIVE_PUBLISHED.format(reference=reference))
    chosen = InspectionTheme.objects.filter(inspection=inspection).first()
    if chosen is None or chosen.theme_code != series.theme_code:
        raise ValidationError(OTHER_THEME.format(reference=reference))
    if series.members.filter(inspection=inspection).exists():
        raise ValidationError(ALREADY_IN_SERIES.format(reference=reference))
    member = SeriesMember(series=series, inspection=inspection, added_by=acting_user)
    record_change(member, acting_user=acting_user, reason=f"{reference} added")
    member.save()
    return member


@transaction.atomic
def series_publish(*, acting_user: AbstractBaseUser, series: Series) -> Series:
    check_keep_series(acting_user)
    series = _lock(series)
    if series.members.count() < MIN_LETTERS:
        raise ValidationError(TOO_FEW_LETTERS.format(n=MIN_LETTERS))
    series.published_at = timezone.now()
    record_change(series, acting_user=acting_user, reason="Overview published")
    series.save()
    return series
