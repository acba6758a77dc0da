"""axe-core finds no serious or critical accessibility violation on any page,
in the light and in the dark colour scheme (run by the site tour, tour.py)."""

from __future__ import annotations

import pytest

from browser.tour import SCHEMES

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")
EXAMPLES = 3  # offending elements named per rule and page


def blocking(violations: list[dict], where: str) -> list[str]:
    """One line per serious rule: page, rule, and the offending elements."""
    lines = []
    for rule in violations:
        if rule["impact"] in BLOCKING:
            targets = [" ".join(map(str, node["target"])) for node in rule["nodes"]]
            lines.append(f"{where}: {rule['id']} ({rule['impact']}, "
                         f"{len(targets)} elements: {rule['help']}) at "
                         + " | ".join(targets[:EXAMPLES]))
    return lines


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_serious_violation_on_any_page(site_tour, scheme: str):
    found = [line for path, visit in site_tour.items()
             for line in blocking(visit.violations[scheme], f"/{path} ({scheme})")]
    assert not found, "accessibility violations:\n" + "\n".join(found)


def test_a_violation_names_page_rule_and_elements():
    violations = [
        {"id": "color-contrast", "impact": "serious", "help": "Enough contrast",
         "nodes": [{"target": [f".c{n}"]} for n in range(5)]},
        {"id": "region", "impact": "moderate", "help": "Landmarks",
         "nodes": [{"target": ["p"]}]}]
    assert blocking(violations, "/lessons/x/ (dark)") == [
        "/lessons/x/ (dark): color-contrast (serious, 5 elements: Enough contrast)"
        " at .c0 | .c1 | .c2"]
