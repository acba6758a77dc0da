"""Debian's Chromium, started headless by Playwright (tests and benchmarks).

Playwright cannot download its own browsers here; `make test` installs
Debian's chromium instead.
"""

from __future__ import annotations

import shutil

from playwright.sync_api import Browser, Playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
# Playwright's default limit for each wait (each waits on its condition):
# only a bound against a hang, far above what a loaded machine needs.
PATIENCE_MS = 180_000


def launch_options() -> dict:
    """Playwright's ``chromium.launch`` arguments, or fail saying how to
    install Chromium."""
    if not shutil.which(CHROMIUM):
        raise RuntimeError(f"{CHROMIUM} is missing: `make test` installs it "
                           "(apt-get install chromium)")
    return {"executable_path": CHROMIUM, "args": ARGS}


def launch(playwright: Playwright) -> Browser:
    """Start Chromium with Playwright's sync API."""
    return playwright.chromium.launch(**launch_options())
