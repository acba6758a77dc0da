"""axe-core finds no serious or critical accessibility violation on any page,
in the light and in the dark colour scheme."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")
# Material picks its palette from prefers-color-scheme until a reader chooses.
SCHEMES = {"light": "default", "dark": "slate"}
# The dark palette changes colours only, so it needs only the colour rules;
# the others see the same DOM in both schemes (and axe is the slow part).
RULES = {
    "light": {"resultTypes": ["violations"]},
    "dark": {"resultTypes": ["violations"],
             "runOnly": ["color-contrast", "link-in-text-block"]},
}
EXAMPLES = 3  # offending elements named per rule and page


def blocking(result: dict, where: str) -> list[str]:
    """One line per serious rule: page, rule, and the offending elements."""
    lines = []
    for rule in result["violations"]:
        if rule["impact"] in BLOCKING:
            targets = [" ".join(map(str, node["target"])) for node in rule["nodes"]]
            lines.append(f"{where}: {rule['id']} ({rule['impact']}, "
                         f"{len(targets)} elements: {rule['help']}) at "
                         + " | ".join(targets[:EXAMPLES]))
    return lines


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_serious_violation_on_any_page(chromium: Browser, site_url: str,
                                          site_page_paths: list[str], scheme: str):
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    axe, found = Axe(), []
    for path in site_page_paths:
        page.goto(site_url + path, wait_until="load")
        shown = page.evaluate("document.body.dataset.mdColorScheme")
        assert shown == SCHEMES[scheme], f"/{path}: {scheme} scheme not applied"
        found += blocking(axe.run(page, options=RULES[scheme]).response,
                          f"/{path} ({scheme})")
    context.close()
    assert not found, "accessibility violations:\n" + "\n".join(found)


def test_a_violation_names_page_rule_and_elements():
    result = {"violations": [
        {"id": "color-contrast", "impact": "serious", "help": "Enough contrast",
         "nodes": [{"target": [f".c{n}"]} for n in range(5)]},
        {"id": "region", "impact": "moderate", "help": "Landmarks",
         "nodes": [{"target": ["p"]}]}]}
    assert blocking(result, "/lessons/x/ (dark)") == [
        "/lessons/x/ (dark): color-contrast (serious, 5 elements: Enough contrast)"
        " at .c0 | .c1 | .c2"]
