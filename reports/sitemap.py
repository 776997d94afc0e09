"""`/sitemap.xml`: the published reports' pages, so that search engines find every report.

Only what the public may see: the list, and each report's current page with the day it last
changed (its newest publication, a correction included). Addresses are absolute on the
service's own address (`core.links.absolute_url`), never the request's Host header.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.links import absolute_url
from reports import selectors


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    pages = [(absolute_url(reverse("reports:list")), None)]
    pages += [
        (absolute_url(publication.get_absolute_url()), publication.publish_at.date().isoformat())
        for publication in selectors.published_reports()
    ]
    body = render_to_string("reports/sitemap.xml", {"pages": pages})
    return HttpResponse(body, content_type="application/xml; charset=utf-8")
