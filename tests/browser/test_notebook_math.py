"""Notebook pages show their formulas as MathML (course/notebooks/math.py),
loaded from this site in place of MathJax: no TeX left in the text, as the
site tour (tour.py) saw each notebook page."""

from __future__ import annotations

import pytest

from course.lessons import VARIANTS
from workbench.repository import course_lessons


def formulas_on_page(lesson) -> int:
    """The lesson page's display formulas: conv-formula fences, $$ blocks."""
    text = lesson.page.read_text(encoding="utf-8")
    return text.count("```conv-formula") + text.count("$$") // 2


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_formula_of_a_notebook_page_is_mathml(site_tour, variant):
    for lesson in course_lessons():
        visit = site_tour[f"notebooks/{lesson.name}-{variant}/"]
        cells = visit.notebook_math
        assert sum(count for count, _ in cells) >= min(
            2, formulas_on_page(lesson)), lesson.name
        assert not any(dollar for _, dollar in cells), (
            f"{lesson.name}-{variant}: TeX left in a Markdown cell")
        assert visit.console_errors == []
        assert visit.foreign_requests == []
