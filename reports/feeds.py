"""The Atom feed of publications: every report and every correction, newest first.

Its addresses are absolute on the service's own address (`core.links.absolute_url`), never the
request's Host header; its dates for people are written as everywhere else (DESIGN rule 21).
"""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from core.dates import long_date
from core.links import absolute_url
from reports import selectors
from reports.models import Publication


class PublicationFeed(Feed):
    feed_type = Atom1Feed
    title = "Joint inspection reports"
    subtitle = (
        "Reports of integrated inspections of services for children by Ofsted, the Care Quality "
        "Commission, HM Inspectorate of Constabulary, HM Inspectorate of Probation and HM "
        "Inspectorate of Prisons."
    )
    author_name = "Joint Inspections"

    def link(self) -> str:
        return absolute_url(reverse("reports:list"))

    def feed_url(self) -> str:
        return absolute_url(reverse("reports:feed"))

    def items(self) -> list[Publication]:
        return selectors.publications_for_feed()

    def item_title(self, item: Publication) -> str:
        area = item.inspection.local_authority.name
        if item.is_correction:
            return f"{area}: joint inspection report corrected"
        return f"{area}: joint inspection report"

    def item_description(self, item: Publication) -> str:
        inspection = item.inspection
        text = (
            f"Joint inspection of services for children in {inspection.local_authority.name}, "
            f"{long_date(inspection.window_start)} to {long_date(inspection.window_end)}."
        )
        if item.is_correction:
            text += f" Correction: {item.correction_note}"
        return text

    def item_link(self, item: Publication) -> str:
        # Each publication's own address, so that a correction is a new entry, not a changed one.
        return absolute_url(item.get_version_url())

    def item_pubdate(self, item: Publication) -> datetime.datetime:
        return item.publish_at

    def item_updateddate(self, item: Publication) -> datetime.datetime:
        return item.publish_at

    def item_enclosure_url(self, item: Publication) -> str:
        return absolute_url(item.get_version_pdf_url())

    def item_enclosure_length(self, item: Publication) -> int:
        return item.report_version.size_bytes or 0

    item_enclosure_mime_type = "application/pdf"
