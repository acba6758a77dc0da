"""What a browser tab does on the local site: the URLs it requests and the
errors it logs. The same recorder serves Playwright's sync API (the
``site_page`` fixture) and its async API (the site tour, tour.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

from playwright.sync_api import Page


@dataclass
class Recorder:
    site_url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        """Record ``page`` (a sync or async Playwright page) from now on."""
        # A page's events include its workers' (search): checked with Chromium.
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(
            f"uncaught {error}"))

    def start_over(self) -> None:
        """Forget what was recorded: the tab opens another page."""
        self.requests.clear()
        self.console_errors.clear()

    def foreign_requests(self) -> list[str]:
        """Requests to any host other than the local server."""
        local = urlparse(self.site_url).netloc
        return [url for url in self.requests
                if urlparse(url).scheme not in ("data", "blob")
                and urlparse(url).netloc != local]

    def _on_console(self, message) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.console_errors.append(f"{message.text} ({where})")


@dataclass
class RecordedPage:
    """A browser tab on the local site that records what the page does."""

    page: Page
    recorder: Recorder

    def goto(self, path: str = "") -> None:
        """Open ``path`` (relative to the site root) and wait until it is idle."""
        self.page.goto(self.recorder.site_url + path, wait_until="networkidle")

    @property
    def console_errors(self) -> list[str]:
        return self.recorder.console_errors

    def foreign_requests(self) -> list[str]:
        return self.recorder.foreign_requests()
