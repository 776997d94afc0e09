"""What the browser journeys share: a signed-in Chromium page, axe on every page, screenshots.

A `Journey` wraps one Playwright page. After each navigation the journey calls `checkpoint`,
which runs axe-core on the page as the user sees it and, for the key pages, saves a screenshot.
Every HTML document the page loads is noted, so that a journey which forgets a checkpoint fails
instead of leaving a page unchecked.

Playwright's sync API keeps an asyncio event loop running in the test thread while it is started.
Django then hands that thread a second database connection, and refuses to use it
(SynchronousOnlyOperation): so Chromium runs only between `Journey(...)` and `journey.finish()`,
and a test reads or writes the database before and after, never during, the browser session.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Response,
    expect,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

VENDOR = Path(__file__).resolve().parent / "vendor"
AXE_SCRIPT = VENDOR / "axe.min.js"
AXE_VERSION = (VENDOR / "VERSION").read_text().strip()
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
AXE_REPORT = SCREENSHOTS / "axe-report.json"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

IMPACTS = ("critical", "serious", "moderate", "minor")
FAILING_IMPACTS = ("critical", "serious")

# Generous for a slow CI machine; a passing step takes well under a second.
STEP_TIMEOUT_MS = 15_000

_RUN_AXE = """async () => {
  const results = await axe.run(document, { resultTypes: ["violations"] });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }));
}"""

_SCRIPT_ELEMENT = re.compile(r"<script\b[^>]*>.*?</script>", re.IGNORECASE | re.DOTALL)


@dataclass
class PageAudit:
    journey: str
    label: str
    url: str
    title: str
    violations: list[dict]

    @property
    def counts(self) -> dict[str, int]:
        return {
            impact: sum(1 for v in self.violations if v["impact"] == impact) for impact in IMPACTS
        }

    @property
    def failing(self) -> list[dict]:
        return [v for v in self.violations if v["impact"] in FAILING_IMPACTS]

    def as_dict(self) -> dict:
        return {
            "journey": self.journey,
            "label": self.label,
            "url": self.url,
            "title": self.title,
            "counts": self.counts,
            "violations": self.violations,
        }


@dataclass
class AxeReport:
    """Every page checked in this test session, written to `path` as each one is added."""

    path: Path | None = None
    pages: list[PageAudit] = field(default_factory=list)

    def add(self, audit: PageAudit) -> None:
        self.pages.append(audit)
        if self.path is not None:
            self.write()

    def totals(self) -> dict[str, int]:
        return {impact: sum(p.counts[impact] for p in self.pages) for impact in IMPACTS}

    def write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(
            json.dumps(
                {
                    "axe_core": AXE_VERSION,
                    "pages_checked": len(self.pages),
                    "violations_by_impact": self.totals(),
                    "pages": [page.as_dict() for page in self.pages],
                },
                indent=2,
            )
        )

    def summary_lines(self) -> list[str]:
        lines = [f"axe-core {AXE_VERSION}: {len(self.pages)} page checks"]
        for page in self.pages:
            counts = ", ".join(f"{n} {impact}" for impact, n in page.counts.items() if n)
            lines.append(f"  [{page.journey}] {page.label}: {page.url} - {counts or 'clean'}")
        totals = ", ".join(f"{n} {impact}" for impact, n in self.totals().items())
        lines.append(f"  violations (rules per page) by impact: {totals}")
        lines.append(f"  full report: {self.path}")
        return lines


REPORT = AxeReport(path=AXE_REPORT)


def describe(audits: list[PageAudit]) -> str:
    """The serious and critical violations, page by page, for a failing test's message."""
    lines = []
    for audit in audits:
        for violation in audit.failing:
            targets = "; ".join(node["target"] for node in violation["nodes"][:5])
            lines.append(
                f"{audit.label} ({audit.url}): [{violation['impact']}] {violation['id']}: "
                f"{violation['help']} - {targets}"
            )
    return "\n".join(lines)


class Chromium:
    """Debian's Chromium through Playwright, running only while a journey needs it."""

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None

    @property
    def browser(self) -> Browser:
        if self._browser is None:
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_FLAGS
            )
        return self._browser

    def stop(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None


def _without_fragment(url: str) -> str:
    return url.partition("#")[0]


class Journey:
    """One user journey in one browser context; people take turns by signing out and in."""

    def __init__(
        self,
        *,
        name: str,
        chromium: Chromium,
        base_url: str,
        javascript: bool = True,
        report: AxeReport = REPORT,
    ) -> None:
        self.name = name
        self.report = report
        self.chromium = chromium
        self.browser = chromium.browser
        self.base_url = base_url
        self.javascript = javascript
        self.audits: list[PageAudit] = []
        self.loaded: list[str] = []
        self.checked: set[str] = set()
        self._shot = 0
        self._checker: Page | None = None
        self.screenshots = SCREENSHOTS / name
        shutil.rmtree(self.screenshots, ignore_errors=True)
        self.screenshots.mkdir(parents=True, exist_ok=True)
        self.context: BrowserContext = self._new_context(javascript=javascript)
        self.page = self._new_page(self.context)

    # --- Browser plumbing ----------------------------------------------------------------------

    def _new_context(self, *, javascript: bool) -> BrowserContext:
        # bypass_csp lets the test inject axe-core into pages whose Content Security Policy
        # allows no such script; the pages themselves are served exactly as to a user.
        context = self.browser.new_context(
            base_url=self.base_url,
            java_script_enabled=javascript,
            bypass_csp=True,
            accept_downloads=True,
            locale="en-GB",
            timezone_id=settings.TIME_ZONE,
            viewport={"width": 1200, "height": 900},
        )
        context.set_default_timeout(STEP_TIMEOUT_MS)
        return context

    def _new_page(self, context: BrowserContext) -> Page:
        page = context.new_page()
        page.on("response", self._note_document)
        return page

    def _note_document(self, response: Response) -> None:
        request = response.request
        if request.resource_type != "document" or request.frame != self.page.main_frame:
            return
        if 300 <= response.status < 400:
            return
        if not response.headers.get("content-type", "").startswith("text/html"):
            return
        self.loaded.append(_without_fragment(response.url))

    def finish(self) -> None:
        """Close the browser: the test may use the database again (see the module's note)."""
        self.chromium.stop()

    def url(self, path: str) -> str:
        return self.base_url + path

    # --- Steps ---------------------------------------------------------------------------------

    def visit(self, path: str, label: str, *, screenshot: bool = False) -> Page:
        response = self.page.goto(path)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        self.checkpoint(label, screenshot=screenshot)
        return self.page

    def submit(self, button: str, label: str, *, screenshot: bool = False) -> Page:
        """Press a form's submit button and check the page it leads to."""
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=button, exact=True).click()
        self.checkpoint(label, screenshot=screenshot)
        return self.page

    def follow(
        self, link: str, label: str, *, screenshot: bool = False, exact: bool = False
    ) -> Page:
        """Follow a link (the first of that name) and check the page it leads to."""
        with self.page.expect_navigation():
            self.page.get_by_role("link", name=link, exact=exact).first.click()
        self.checkpoint(label, screenshot=screenshot)
        return self.page

    def sign_in(self, username: str) -> None:
        """Through the real sign-in form, as a person would."""
        self.visit("/accounts/login/", f"sign-in ({username})")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(settings.DEMO_PASSWORD)
        self.submit("Sign in", f"your inspections ({username})")
        expect(self.page.get_by_role("button", name=f"Sign out ({username})")).to_be_visible()

    def sign_out(self) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=re.compile("^Sign out")).click()
        self.checkpoint("signed out")
        expect(self.page.get_by_role("link", name="Sign in")).to_be_visible()

    def success_banner(self) -> str:
        banner = self.page.locator(".govuk-notification-banner--success")
        expect(banner).to_be_visible()
        return banner.inner_text()

    # --- Checks --------------------------------------------------------------------------------

    def checkpoint(self, label: str, *, screenshot: bool = False) -> PageAudit:
        """axe-core on the page as it is now, and a screenshot of the key pages."""
        self.page.wait_for_load_state("load")
        if screenshot:
            self.screenshot(label)
        if self.javascript:
            violations = self._run_axe(self.page)
        else:
            violations = self._run_axe_without_javascript()
        audit = PageAudit(
            journey=self.name,
            label=label,
            url=self.page.url.removeprefix(self.base_url),
            title=self.page.title(),
            violations=violations,
        )
        self.audits.append(audit)
        self.checked.add(_without_fragment(self.page.url))
        self.report.add(audit)
        return audit

    def screenshot(self, label: str) -> Path:
        self._shot += 1
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        path = self.screenshots / f"{self._shot:02d}-{slug}.png"
        for attempt in range(3):
            try:
                self.page.screenshot(path=str(path), full_page=True)
                return path
            except PlaywrightError as error:
                # Chromium now and then refuses a capture on a busy machine ("Unable to capture
                # screenshot"); a moment later it works.
                if "Unable to capture screenshot" not in str(error) or attempt == 2:
                    raise
                self.page.wait_for_timeout(500)
        return path

    @staticmethod
    def _run_axe(page: Page) -> list[dict]:
        for attempt in range(3):
            try:
                if not page.evaluate("() => typeof window.axe === 'object'"):
                    page.add_script_tag(content=AXE_SCRIPT.read_text())
                return page.evaluate(_RUN_AXE)
            except PlaywrightError as error:
                # A page that reloads itself (the report's progress) may do so mid-check:
                # check the reloaded page instead.
                if "context was destroyed" not in str(error) or attempt == 2:
                    raise
                page.wait_for_load_state("load")
        raise AssertionError("unreachable")

    def _run_axe_without_javascript(self) -> list[dict]:
        """axe needs JavaScript, which this journey's pages do not run (timers never fire).

        So the page's HTML as the user has it, less its scripts, is served at the same address
        to a page in a JavaScript-enabled context, with the same styles, and axe runs there.
        """
        html = _SCRIPT_ELEMENT.sub("", self.page.content())
        url = self.page.url
        if self._checker is None:
            self._checker = self.browser.new_context(
                base_url=self.base_url, bypass_csp=True, viewport={"width": 1200, "height": 900}
            ).new_page()
        checker = self._checker

        def serve(route) -> None:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

        checker.route(lambda candidate: candidate == url, serve)
        try:
            checker.goto(url)
        finally:
            checker.unroute_all()
        return self._run_axe(checker)

    def assert_every_page_checked(self) -> None:
        unchecked = sorted(set(self.loaded) - self.checked)
        assert not unchecked, f"Pages loaded but not checked by axe: {unchecked}"

    def assert_accessible(self) -> None:
        """No serious or critical axe violation on any page of the journey."""
        self.assert_every_page_checked()
        failing = [audit for audit in self.audits if audit.failing]
        assert not failing, "Serious or critical accessibility violations:\n" + describe(failing)
