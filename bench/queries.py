"""Query counts of every list page, at one size of the programme and at ten times that size.

A page whose count grows with the data runs a query per row somewhere (an N+1): the count must be
the same at both sizes. Run by `bench/run.py` against two databases (the small one holds a tenth
of the programme); alone:

    python bench/queries.py --database-url postgres://.../small --json small.json

It counts with Django's test client in this process, so the server's settings apply (DEBUG off),
except that programme staff are not asked for a second factor (OTP_REQUIRED=0) and the public
pages are counted as rendered, not as served from their cache (reports/caching.py).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402 - the repository root must be importable first


@dataclass(frozen=True)
class Page:
    """A list page: its name, who looks at it (None: the public), and how to build its URL."""

    name: str
    user: str | None
    url_name: str
    kwargs: tuple[tuple[str, str], ...] = ()
    query: str = ""


# The inspection pages look at the fieldwork benchmark inspection (its reference is filled in);
# the public pages at the published reports. Each grows with the data: evidence, cases,
# inspections, reports, history, areas.
REF = "{reference}"
SLUG = "{slug}"
PAGES: tuple[Page, ...] = (
    Page("inspections: all (programme staff)", "programme.admin", "inspections:list"),
    Page("inspections: mine (inspector)", "ofsted.inspector", "inspections:list"),
    Page("inspection page", "ofsted.inspector", "inspections:detail", (("reference", REF),)),
    Page("team", "programme.admin", "inspections:team", (("reference", REF),)),
    Page("case samples", "ofsted.inspector", "inspections:case_list", (("reference", REF),)),
    Page("workspace", "ofsted.inspector", "judgements:workspace", (("reference", REF),)),
    Page("coverage", "ofsted.inspector", "judgements:coverage", (("reference", REF),)),
    Page("evidence list", "ofsted.inspector", "judgements:evidence_list", (("reference", REF),)),
    Page(
        "evidence list, filtered, page 2",
        "ofsted.inspector",
        "judgements:evidence_list",
        (("reference", REF),),
        "area=ofsted:help_and_protection&page=2",
    ),
    Page(
        "judgement history",
        "ofsted.inspector",
        "judgements:judgement_history",
        (("reference", REF), ("inspectorate_code", "ofsted"), ("area_code", "leadership")),
    ),
    Page("shared text overview", "cqc.lead", "lscb:overview", (("reference", REF),)),
    Page(
        "sign-off page (LSCB)",
        "cqc.lead",
        "lscb:detail",
        (("reference", REF), ("kind", "lscb")),
    ),
    Page(
        "shared text history",
        "cqc.lead",
        "lscb:history",
        (("reference", REF), ("kind", "lscb")),
    ),
    Page("report versions", "ofsted.lead", "reports_team:overview", (("reference", REF),)),
    Page("areas (selection)", "programme.admin", "selection:areas"),
    Page("audit log", "programme.admin", "audit"),
    Page("public reports", None, "reports:list"),
    Page("public reports, search", None, "reports:list", query="area=ford"),
    Page("public reports, page 2", None, "reports:list", query="page=2"),
    Page("public report page", None, "reports:detail", (("slug", SLUG),)),
    Page("open data API", None, "reports:api_list"),
    Page("Atom feed", None, "reports:feed"),
)


def count_queries(pages: tuple[Page, ...] = PAGES) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from inspections.models import Inspection
    from judgements.models import Evidence
    from reports.models import Publication
    from seeding.scale import BenchRole, bench_inspection_references

    reference = bench_inspection_references()[BenchRole.FIELDWORK]
    inspection = Inspection.objects.get(reference=reference)
    # The newest published report whose area is in the programme at scale.
    slug = (
        Publication.objects.filter(inspection__local_authority__ons_code__regex=r"^E\d\d8")
        .order_by("-publish_at")
        .values_list("slug", flat=True)
        .first()
    )
    users = {u.username: u for u in get_user_model().objects.filter(username__contains=".")}
    clients: dict[str | None, Client] = {}
    results = []
    for page in pages:
        kwargs = {k: v.format(reference=reference, slug=slug) for k, v in page.kwargs}
        try:
            url = reverse(page.url_name, kwargs=kwargs or None)
        except NoReverseMatch:
            results.append({"page": page.name, "url": None, "status": "no such page"})
            continue
        if page.query:
            url += "?" + page.query
        client = clients.get(page.user)
        if client is None:
            client = Client(HTTP_HOST="127.0.0.1")
            if page.user is not None:
                client.force_login(users[page.user])
            clients[page.user] = client
        client.get(url)  # warm the session, content types and template caches
        # Count the page as rendered, not as served from the public pages' cache.
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        results.append(
            {
                "page": page.name,
                "user": page.user or "public",
                "url": url,
                "status": response.status_code,
                "queries": len(queries),
            }
        )
    return {
        "database": connection.settings_dict["NAME"],
        "evidence_on_inspection": Evidence.objects.filter(inspection=inspection).count(),
        "evidence_total": Evidence.objects.count(),
        "published_reports": Publication.objects.values("slug").distinct().count(),
        "inspections": Inspection.objects.count(),
        "pages": results,
    }


def compare(small: dict, large: dict) -> dict:
    """One row per page: its count at both sizes, and whether they match."""
    by_name = {row["page"]: row for row in large["pages"]}
    rows = []
    for row in small["pages"]:
        other = by_name.get(row["page"], {})
        ok = (
            row.get("status") == 200
            and other.get("status") == 200
            and row.get("queries") == other.get("queries")
        )
        rows.append(
            {
                "page": row["page"],
                "url": row.get("url"),
                "user": row.get("user"),
                "queries_1x": row.get("queries"),
                "queries_10x": other.get("queries"),
                "status_1x": row.get("status"),
                "status_10x": other.get("status"),
                "same": ok,
            }
        )
    return {
        "sizes": {
            "1x": {k: v for k, v in small.items() if k != "pages"},
            "10x": {k: v for k, v in large.items() if k != "pages"},
        },
        "pages": rows,
        "all_same": all(row["same"] for row in rows),
    }


def print_comparison(result: dict) -> None:
    common.heading("Query counts of list pages at 1x and 10x data")
    sizes = result["sizes"]
    for label in ("1x", "10x"):
        size = sizes[label]
        print(
            f"{label:>4}: {size['inspections']} inspections, {size['published_reports']} "
            f"published reports, {size['evidence_total']} pieces of evidence "
            f"({size['evidence_on_inspection']} on the measured inspection)"
        )
    rows = [
        (
            row["page"],
            row["user"] or "",
            row["queries_1x"] if row["status_1x"] == 200 else f"HTTP {row['status_1x']}",
            row["queries_10x"] if row["status_10x"] == 200 else f"HTTP {row['status_10x']}",
            "same" if row["same"] else "DIFFERENT",
        )
        for row in result["pages"]
    ]
    print(common.table(rows, ["page", "as", "1x", "10x", ""]))
    verdict = "every page the same" if result["all_same"] else "SOME PAGES DIFFER"
    print(f"Result: {verdict}.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--json", type=Path, required=True, help="Where to write the counts.")
    args = parser.parse_args()
    cfg = common.config()
    common.setup_django(
        cfg, database_url=args.database_url, OTP_REQUIRED="0", PUBLIC_STATE_SECONDS="0"
    )
    common.write_json(args.json, count_queries())


if __name__ == "__main__":
    main()
