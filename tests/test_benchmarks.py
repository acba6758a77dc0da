"""The budgets README.md states are the ones the benchmarks judge."""

from __future__ import annotations

import re

from benchmarks import notebooks_page, page, pages, tracer
from course.markdown.includes import ROOT


def test_readme_states_the_page_budgets_that_benchmarks_pages_judges():
    readme = re.sub(r"\s+", " ", (ROOT / "README.md").read_text())
    assert f"<= {pages.BYTES_BUDGET}x its bare twin in bytes" in readme
    assert f"<= {pages.TIME_BUDGET}x its themed twin in load time" in readme
    assert f"<= {pages.BUILD_BUDGET}x the bare build" in readme


def test_readme_states_the_author_loop_budget_that_benchmarks_page_judges():
    readme = re.sub(r"\s+", " ", (ROOT / "README.md").read_text())
    assert f"<= {page.BUDGET}x its floor" in readme


def test_readme_states_the_tracer_budgets_that_benchmarks_tracer_judges():
    readme = re.sub(r"\s+", " ", (ROOT / "README.md").read_text())
    script = (ROOT / "benchmarks" / "tracer.mjs").read_text()
    milliseconds = re.search(r"BUDGET_MS = (\d+);", script)[1]
    assert f"<= {milliseconds} ms for a 100-layer stack" in readme
    assert f"the page <= {tracer.PAGE_BUDGET}x a plain lesson page" in readme


def test_readme_states_the_notebook_budgets_that_benchmarks_notebooks_page_judges():
    readme = re.sub(r"\s+", " ", (ROOT / "README.md").read_text())
    assert (f"(<= {notebooks_page.PAGE_BUDGET}x the lightest plain lesson page "
            "in bytes)") in readme
    assert f"(<= {notebooks_page.LESSON_BUDGET}x a given commit's)" in readme
