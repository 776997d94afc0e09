"""What every public web service keeps: the footer's pages, robots.txt, the sitemap and icons."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest
from django.conf import settings

from seeding.demo import seed_published_report

pytestmark = pytest.mark.django_db

FOOTER = {
    "/accessibility/": "Accessibility statement",
    "/privacy/": "Privacy",
    "/cookies/": "Cookies",
    "/status/": "Service status",
    "/licence/": "Open Government Licence v3.0",
}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_every_page_links_to_the_footers_pages_and_the_icons(client):
    page = client.get("/reports/").content.decode()
    for address, text in FOOTER.items():
        assert f'href="{address}"' in page and text in page
        assert client.get(address).status_code == 200
    assert 'rel="icon"' in page and 'rel="apple-touch-icon"' in page
    assert client.get("/favicon.ico")["Location"] == "/static/govuk/images/favicon.ico"


def test_the_cookies_page_names_the_cookies_the_service_sets(client):
    page = client.get("/cookies/").content.decode()
    for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"):
        assert f"<code>{name}</code>" in page
    assert "only essential cookies" in page


def test_the_status_page_says_in_words_what_healthz_says_as_json(client):
    page = client.get("/status/").content.decode()
    assert "The service is working" in page
    assert client.get("/healthz").json()["database"] == "ok"


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_teams_pages(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines
    assert "Disallow: /inspections/" in lines


def test_the_sitemap_lists_every_published_report_on_the_services_address(client, seeded):
    inspection = seed_published_report(seeded)
    slug = inspection.publications.latest("publish_at").slug
    response = client.get("/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own sitemap, in a test
    addresses = [url.find(f"{SITEMAP}loc").text for url in root]
    assert addresses == [f"{settings.SITE_URL}/reports/", f"{settings.SITE_URL}/reports/{slug}/"]
