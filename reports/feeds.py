"""The Atom feed of publications: every report and every correction, newest first."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed

from reports import selectors
from reports.models import Publication


class PublicationFeed(Feed):
    feed_type = Atom1Feed
    title = "Joint inspection reports"
    link = "/reports/"
    subtitle = (
        "Reports of integrated inspections of services for children by Ofsted, the Care Quality "
        "Commission, HM Inspectorate of Constabulary, HM Inspectorate of Probation and HM "
        "Inspectorate of Prisons."
    )
    author_name = "Joint Inspections"

    def get_object(self, request: HttpRequest, *args, **kwargs) -> HttpRequest:
        # The feed is per request only so that enclosures can carry absolute addresses.
        return request

    def items(self, request: HttpRequest) -> list[Publication]:
        publications = selectors.publications_for_feed()
        for publication in publications:
            publication.enclosure_url = request.build_absolute_uri(
                publication.get_version_pdf_url()
            )
        return publications

    def item_title(self, item: Publication) -> str:
        area = item.inspection.local_authority.name
        if item.is_correction:
            return f"{area}: joint inspection report corrected"
        return f"{area}: joint inspection report"

    def item_description(self, item: Publication) -> str:
        inspection = item.inspection
        text = (
            f"Joint inspection of services for children in {inspection.local_authority.name}, "
            f"{inspection.window_start:%-d %B %Y} to {inspection.window_end:%-d %B %Y}."
        )
        if item.is_correction:
            text += f" Correction: {item.correction_note}"
        return text

    def item_link(self, item: Publication) -> str:
        # Each publication's own address, so that a correction is a new entry, not a changed one.
        return item.get_version_url()

    def item_pubdate(self, item: Publication) -> datetime.datetime:
        return item.publish_at

    def item_updateddate(self, item: Publication) -> datetime.datetime:
        return item.publish_at

    def item_enclosure_url(self, item: Publication) -> str:
        return item.enclosure_url

    def item_enclosure_length(self, item: Publication) -> int:
        return item.report_version.size_bytes or 0

    item_enclosure_mime_type = "application/pdf"
