"""Security headers: the production settings' responses carry CSP, HSTS, frame denial and a
referrer policy, and no page needs an inline script or style that the CSP would block.

`check --deploy` under production settings is tested in tests/integrated_inspections.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.security.production import production_settings

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.fixture(scope="module")
def production():
    return production_settings()


def _csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_production_responses_carry_a_strict_content_security_policy(production):
    policy = _csp_directives(production["secure_headers"]["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    header = production["secure_headers"]["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header


def test_production_responses_carry_hsts_for_a_year_with_subdomains(production):
    hsts = production["secure_headers"]["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts


def test_production_responses_deny_framing_and_limit_the_referrer(production):
    headers = production["secure_headers"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_production_sends_plain_http_to_https_except_the_health_check(production):
    assert production["plain_status"] == 301
    assert production["plain_location"].startswith("https://")


def test_production_cookies_are_secure_and_http_only(production):
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["CSRF_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_AGE"] == 3600
    # The hour restarts with activity, written at most once a minute (RefreshSessionMiddleware).
    assert production["SESSION_SAVE_EVERY_REQUEST"] is False


def test_pages_carry_the_policy_in_development_too(client_for):
    response = client_for("ofsted.inspector").get("/inspections/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)

# The PDF's print template is read by WeasyPrint, never served to a browser.
NOT_SERVED_TO_BROWSERS = {"reports/report_print.html"}


def inline_code(html: str) -> list[str]:
    """Anything in a page that a CSP without 'unsafe-inline' would block."""
    problems = []
    for name, pattern in (
        ("inline <script>", INLINE_SCRIPT),
        ("style attribute", STYLE_ATTRIBUTE),
        ("<style> element", STYLE_ELEMENT),
        ("event handler attribute", EVENT_HANDLER),
        ("javascript: URL", JAVASCRIPT_URL),
    ):
        problems += [f"{name}: {match.group(0)!r}" for match in pattern.finditer(html)]
    return problems


def test_no_template_has_inline_scripts_or_styles():
    found = {}
    for path in TEMPLATES.rglob("*.html"):
        name = str(path.relative_to(TEMPLATES))
        if name in NOT_SERVED_TO_BROWSERS:
            continue
        problems = inline_code(path.read_text())
        if problems:
            found[name] = problems
    assert found == {}
