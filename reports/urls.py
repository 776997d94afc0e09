"""The public side of the joint report, mounted at the site root."""

from django.urls import path

from reports import api, sitemap
from reports.feeds import PublicationFeed
from reports.views import public

app_name = "reports"

urlpatterns = [
    path("reports/", public.report_list, name="list"),
    path("reports/feed/", PublicationFeed(), name="feed"),
    path("reports/<slug:slug>/", public.report_detail, name="detail"),
    path("reports/<slug:slug>.pdf", public.report_pdf, name="pdf"),
    path(
        "reports/<slug:slug>/versions/<int:number>/",
        public.report_version_detail,
        name="version",
    ),
    path(
        "reports/<slug:slug>/versions/<int:number>.pdf",
        public.report_version_pdf,
        name="version_pdf",
    ),
    path(
        "reports/<slug:slug>/versions/<int:number>-superseded.pdf",
        public.report_version_pdf_superseded,
        name="version_pdf_superseded",
    ),
    path("api/reports/", api.report_list, name="api_list"),
    path("api/reports/<slug:slug>/", api.report_detail, name="api_detail"),
    # Any other address under /api/ answers in the API's own error shape.
    path("api/<path:rest>", api.not_found, name="api_not_found"),
    path("sitemap.xml", sitemap.sitemap, name="sitemap"),
]
