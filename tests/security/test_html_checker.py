"""Every public page and a sample of the team's pages pass the Nu Html Checker with no error,
and no page's headings skip a level.

The checker is `vnu-jar` from npm, run once over every page on Debian's Java (`.ci/run`
installs both; `VNU_JAR` names another copy). The pages are the demo's, as each role gets them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess  # nosec B404 - runs the checker, a fixed command on our own files
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.security.urls import url_arguments, url_for

REPO = Path(__file__).resolve().parents[2]
VNU_JAR = Path(
    os.environ.get("VNU_JAR", REPO / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
)

# Every page the public can reach, by pattern (and a search that finds nothing wrong with it).
PUBLIC = [
    "reports:list",
    "reports:detail",
    "reports:version",
    "service_status",
    "accessibility",
    "privacy",
    "cookies",
    "licence",
    "login",
]
PUBLIC_ADDRESSES = [
    "/reports/?area=Calderbridge&grade=four_point%3Agood",
    # A search with a mistake: the page with its error summary.
    "/reports/?published_from_0=31&published_from_1=2&published_from_2=2015",
    "/no-such-page/",
]
# A sample of the team's pages, one of each kind, signed in as the lead inspector.
TEAM = [
    "inspections:list",
    "inspections:detail",
    "judgements:workspace",
    "judgements:coverage",
    "judgements:evidence_list",
    "judgements:evidence_detail",
    "judgements:judgement",
    "judgements:judgement_history",
    "lscb:overview",
    "lscb:detail",
    "lscb:history",
    "referrals:list",
    "reports_team:overview",
    "reports_team:version",
]
PROGRAMME = [
    "audit",
    "statements:list",
    "inspections:create",
    "inspections:team",
    "areas:list",
    "selection:home",
]

_HEADING = re.compile(r"<h([1-6])\b", re.IGNORECASE)


def _checker() -> list[str]:
    java = shutil.which("java")
    if java and VNU_JAR.exists():
        return [java, "-Xss1024k", "-jar", str(VNU_JAR)]
    message = (
        f"The Nu Html Checker needs Java and {VNU_JAR} (npm install --prefix .cache/vnu "
        "vnu-jar; .ci/run installs both)."
    )
    if settings.REQUIRE_SERVICES:
        pytest.fail(message)
    pytest.skip(message)


def _pages(demo) -> dict[str, str]:
    """Each page's address and its HTML, as the public and the team get them."""
    arguments = url_arguments(demo)
    anonymous, lead, admin = Client(), Client(), Client()
    lead.force_login(demo.people["ofsted.lead"])
    admin.force_login(demo.people["programme.admin"])
    asked = [(anonymous, url_for(name, arguments)) for name in PUBLIC]
    asked += [(anonymous, address) for address in PUBLIC_ADDRESSES]
    asked += [(lead, url_for(name, arguments)) for name in TEAM]
    asked += [(admin, url_for(name, arguments)) for name in PROGRAMME]
    pages = {}
    for client, address in asked:
        response = client.get(address, follow=True)
        assert response.status_code in (200, 404), f"{address}: {response.status_code}"
        assert response["Content-Type"].startswith("text/html"), address
        pages[address] = response.content.decode()
    return pages


def _skipped_levels(html: str) -> list[str]:
    """Where a heading is more than one level below the one before it (h1 then h3)."""
    levels = [int(level) for level in _HEADING.findall(html)]
    return [
        f"h{before} then h{after}"
        for before, after in zip(levels, levels[1:], strict=False)
        if after > before + 1
    ]


def test_public_and_team_pages_pass_the_html_checker_and_skip_no_heading_level(demo_data, tmp_path):
    command = _checker()
    pages = _pages(demo_data)
    files = {}
    for number, (address, html) in enumerate(pages.items()):
        path = tmp_path / f"page-{number:02d}.html"
        path.write_text(html)
        files[path.name] = address

    # One run of the checker over every page: Java starts once.
    result = subprocess.run(  # nosec B603 - a fixed command on files this test wrote
        [
            *command,
            "--format",
            "json",
            "--stdout",
            "--errors-only",
            *sorted(map(str, tmp_path.iterdir())),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1])} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert len(pages) >= 30
    assert errors == []
    skipped = {address: _skipped_levels(html) for address, html in pages.items()}
    assert {address: found for address, found in skipped.items() if found} == {}
