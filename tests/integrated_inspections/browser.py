"""A minimal browser for tests that talk to a running server over HTTP: it signs in, and fills
in a page's form as a person would, keeping every hidden field the page sent (the CSRF token,
the version the person saw) and the choices already made.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import requests

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _Forms(HTMLParser):
    """The forms of a page: action path -> the fields a browser would send unchanged."""

    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: dict[str, dict[str, str]] = {}
        self._fields: dict[str, str] | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            action = urlparse(urljoin(self.page_url, attributes.get("action") or "")).path
            self._fields = self.forms.setdefault(action, {})
        elif self._fields is None or "name" not in attributes:
            return
        elif tag == "input":
            kind = attributes.get("type", "text")
            if kind in ("submit", "button"):
                return
            if kind in ("radio", "checkbox") and "checked" not in attributes:
                return
            self._fields[attributes["name"]] = attributes.get("value", "")
        elif tag == "textarea":
            self._textarea = attributes["name"]
            self._fields[self._textarea] = ""

    def handle_data(self, data: str) -> None:
        if self._fields is not None and self._textarea is not None:
            self._fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._fields = None
        elif tag == "textarea":
            self._textarea = None


class Browser:
    """One person's browser: a cookie jar signed in to the service at `base`."""

    def __init__(self, base: str, session: requests.Session | None = None) -> None:
        self.base = base
        self.http = session or requests.Session()

    def sign_in(self, username: str, password: str) -> Browser:
        page = self.http.get(f"{self.base}/accounts/login/", timeout=60)
        token = CSRF_FIELD.search(page.text).group(1)
        response = self.http.post(
            f"{self.base}/accounts/login/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": token},
            allow_redirects=False,
            timeout=60,
        )
        assert response.status_code == 302, f"{username} could not sign in: {response.status_code}"
        return self

    def second_tab(self) -> Browser:
        """The same signed-in browser, for a second request at once (a double click)."""
        other = requests.Session()
        other.cookies.update(self.http.cookies)
        return Browser(self.base, other)

    def form(self, page: str, action: str | None = None) -> dict[str, str]:
        """What the form on `page` posting to `action` (the page itself if None) would send."""
        response = self.http.get(f"{self.base}{page}", timeout=60)
        assert response.status_code == 200, f"{page}: {response.status_code}"
        forms = _Forms(response.url)
        forms.feed(response.text)
        target = action or urlparse(response.url).path
        assert target in forms.forms, f"no form posting to {target} on {page}"
        return dict(forms.forms[target])

    def post(self, path: str, data: dict[str, str]) -> requests.Response:
        return self.http.post(f"{self.base}{path}", data=data, allow_redirects=False, timeout=120)
