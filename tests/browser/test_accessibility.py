"""axe-core finds no accessibility violation on any page, in the light and in
the dark colour scheme, nor at a phone's width the one rule that only a
narrow screen can break: a box that scrolls is reachable by keyboard (run by
the site tour, tour.py).

Every impact counts, minor and moderate ones too, so that none piles up
unseen."""

from __future__ import annotations

import pytest

from browser.tour import RULES

EXAMPLES = 3  # offending elements named per rule and page


def described(violations: list[dict], where: str) -> list[str]:
    """One line per rule broken: page, rule, impact, the offending elements."""
    lines = []
    for rule in violations:
        targets = [" ".join(map(str, node["target"])) for node in rule["nodes"]]
        lines.append(f"{where}: {rule['id']} ({rule['impact']}, "
                     f"{len(targets)} elements: {rule['help']}) at "
                     + " | ".join(targets[:EXAMPLES]))
    return lines


@pytest.mark.parametrize("run", RULES)
def test_no_violation_on_any_page(site_tour, run: str):
    found = [line for path, visit in site_tour.items()
             for line in described(visit.violations[run], f"/{path} ({run})")]
    assert not found, "accessibility violations:\n" + "\n".join(found)


def test_a_violation_names_page_rule_and_elements():
    violations = [
        {"id": "color-contrast", "impact": "serious", "help": "Enough contrast",
         "nodes": [{"target": [f".c{n}"]} for n in range(5)]},
        {"id": "region", "impact": "moderate", "help": "Landmarks",
         "nodes": [{"target": ["p"]}]}]
    assert described(violations, "/lessons/x/ (dark)") == [
        "/lessons/x/ (dark): color-contrast (serious, 5 elements: Enough contrast)"
        " at .c0 | .c1 | .c2",
        "/lessons/x/ (dark): region (moderate, 1 elements: Landmarks) at p"]
