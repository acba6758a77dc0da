"""The "Verified" stamp: written by the test session, read by the course
plugin, and never claiming more than was run."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pytest
import torch

from course.logger import log
from course.verified import (
    DEVICES,
    DIRECTORY,
    NO_RESULTS,
    NOT_RUN,
    MalformedResults,
    load_results,
    read_results,
    record_run,
    results_file,
    stamp,
    write_results,
)
from support import site_builds
from support.inner_session import run
from workbench.repository import ROOT

PAGE = "docs/lessons/a.md"
STAMPED = "docs/a.md"  # a page with code, not a lesson
DAY = date(2026, 11, 30)
RUN = {"status": "passed", "torch": "2.13.0+cpu", "date": "2026-11-30"}
PASSED = {"device": "cpu", "pages": {PAGE: RUN}}


def results(device: str, status: str, torch: str = "2.13.0",
            day: str = "2026-11-30") -> dict:
    return {"device": device,
            "pages": {PAGE: {"status": status, "torch": torch, "date": day}}}


@pytest.mark.parametrize("cpu, cuda, expected", [
    (results("cpu", "passed", "2.13.0+cpu"),
     results("cuda", "passed", "2.13.0+cu130"),
     "Verified: torch 2.13.0 — CPU ✓ — CUDA ✓ — 2026-11-30"),
    (results("cpu", "passed"), None,
     "Verified: torch 2.13.0 — CPU ✓ — CUDA: not verified — 2026-11-30"),
    (results("cpu", "passed"), results("cuda", "failed"),
     "Verified: torch 2.13.0 — CPU ✓ — CUDA: failed — 2026-11-30"),
    (None, None, "Not verified: this build carries no test results "
                 "(<code>make test</code> writes them for the next build)"),
    (results("cpu", "passed"), results("cuda", "passed", "2.11.0", "2026-11-29"),
     "Verified: CPU ✓ (torch 2.13.0, 2026-11-30) — "
     "CUDA ✓ (torch 2.11.0, 2026-11-29)"),
    (results("cpu", "failed"), None,
     "Not verified: torch 2.13.0 — CPU: failed — CUDA: not verified — "
     "2026-11-30"),
], ids=["both passed", "no GPU run", "GPU failed", "no results",
        "different runs", "only failed"])
def test_the_stamp_says_what_ran(cpu, cuda, expected):
    assert stamp(PAGE, {"cpu": cpu, "cuda": cuda}) == expected


def test_a_page_missing_from_the_results_is_not_verified_yet():
    assert stamp("docs/lessons/b.md", {"cpu": results("cpu", "passed")}) == (
        "Not verified yet: the test results of this build do not cover this "
        "page (<code>make test</code> runs it for the next build)") == NOT_RUN


def test_results_round_trip(tmp_path):
    record_run(tmp_path, "cpu", "2.13.0+cpu", {PAGE: "passed"}, DAY)
    assert read_results(tmp_path, "cpu") == PASSED
    assert read_results(tmp_path, "cuda") is None  # never written


def test_a_run_of_some_pages_keeps_the_others(tmp_path):
    """``pytest docs/lessons/b.md`` after a full run: b takes this run's
    torch and day, a keeps its own, and each page's stamp says its run."""
    other = "docs/lessons/b.md"
    record_run(tmp_path, "cpu", "2.12.0+cpu", {PAGE: "passed", other: "failed"},
               date(2026, 11, 29))
    record_run(tmp_path, "cpu", "2.13.0+cpu", {other: "passed"}, DAY)
    found = {"cpu": read_results(tmp_path, "cpu"), "cuda": None}
    assert found["cpu"]["pages"] == {
        PAGE: {"status": "passed", "torch": "2.12.0+cpu", "date": "2026-11-29"},
        other: {"status": "passed", "torch": "2.13.0+cpu", "date": "2026-11-30"}}
    assert stamp(PAGE, found) == (
        "Verified: torch 2.12.0 — CPU ✓ — CUDA: not verified — 2026-11-29")
    assert stamp(other, found) == (
        "Verified: torch 2.13.0 — CPU ✓ — CUDA: not verified — 2026-11-30")


def test_a_run_replaces_earlier_results_it_cannot_read(tmp_path):
    path = results_file(tmp_path, "cpu")
    path.parent.mkdir()
    path.write_text("{not json")
    record_run(tmp_path, "cpu", "2.13.0+cpu", {PAGE: "passed"}, DAY)
    assert read_results(tmp_path, "cpu") == PASSED


def test_a_file_with_one_torch_and_date_for_all_pages_reads_per_page(tmp_path):
    path = results_file(tmp_path, "cpu")
    path.parent.mkdir()
    path.write_text(json.dumps({"device": "cpu", "torch": "2.13.0+cpu",
                                "date": "2026-11-30", "pages": {PAGE: "passed"}}))
    assert read_results(tmp_path, "cpu") == PASSED


def with_run(**changed) -> str:
    return json.dumps({**PASSED, "pages": {PAGE: {**RUN, **changed}}})


@pytest.mark.parametrize("content, problem", [
    ("{not json", "not JSON"),
    (json.dumps([PASSED]), "not a JSON object"),
    (json.dumps({**PASSED, "device": "cuda"}), "'device' is 'cuda', not 'cpu'"),
    (json.dumps({**PASSED, "pages": [PAGE]}), "'pages' is not a JSON object"),
    (with_run(torch=2.13), f"page {PAGE!r}: 'torch' is not a version string"),
    (with_run(date="30/11/2026"), "'date' '30/11/2026' is not YYYY-MM-DD"),
    (with_run(status="ok"), "the status must be one of passed, failed"),
    (json.dumps({**PASSED, "pages": {PAGE: "passed"}}),
     "'torch' is not a version string"),
])
def test_a_malformed_file_is_one_line_naming_it(tmp_path, content, problem):
    path = results_file(tmp_path, "cpu")
    path.parent.mkdir()
    path.write_text(content)
    with pytest.raises(MalformedResults) as error:
        read_results(tmp_path, "cpu")
    message = str(error.value)
    assert message.startswith(f"{path}: malformed verification file (")
    assert problem in message and "\n" not in message


def test_the_stamp_escapes_what_it_reads():
    stamped = stamp(PAGE, {"cpu": results("cpu", "passed", "<2.13>")})
    assert "torch &lt;2.13&gt; — CPU ✓" in stamped


def info_lines(directory: Path, caplog) -> list[str]:
    caplog.set_level(logging.INFO, logger=log.name)
    load_results(directory)
    return [record.getMessage() for record in caplog.records]


def test_no_results_at_all_is_one_info_line(tmp_path, caplog):
    assert info_lines(tmp_path, caplog) == [
        f"no test results in {tmp_path / DIRECTORY}: pages say this build "
        "carries none (make test writes them)"]


def test_each_missing_file_is_one_info_line(tmp_path, caplog):
    write_results(tmp_path, "cpu", {PAGE: RUN})
    assert info_lines(tmp_path, caplog) == [
        f"no {results_file(tmp_path, 'cuda')}: pages say 'CUDA: not "
        'verified\' (make test ARGS="--device cuda" writes it)']


def stamp_project(root: Path, cpu_json: str | None) -> site_builds.Build:
    """A two-page site (no lessons) with the course plugin and one results
    file (or none), building."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n\nNo code here.\n")
    (root / STAMPED).write_text("# A\n\n```python\nprint(1)\n```\n")
    (root / "mkdocs.yml").write_text(
        "site_name: stamp\ntheme: material\nplugins: "
        f"{site_builds.configured_plugins(['course'])}\n")
    if cpu_json is not None:
        results_file(root, "cpu").parent.mkdir()
        results_file(root, "cpu").write_text(cpu_json)
    return site_builds.start(root, root / "site")


def test_the_build_stamps_pages_with_code_and_fails_on_a_malformed_file(
        tmp_path):
    good = stamp_project(tmp_path / "good", json.dumps(
        {**PASSED, "pages": {STAMPED: RUN}}))
    local = stamp_project(tmp_path / "local", None)
    bad = stamp_project(tmp_path / "bad", "{not json")
    good, local, bad = good.finish(), local.finish(), bad.finish()
    site = good.built_site()
    page = (site / "a" / "index.html").read_text()
    assert ('<p class="verified">Verified: torch 2.13.0 — CPU ✓ — '
            'CUDA: not verified — 2026-11-30</p>') in page
    assert "Verified:" not in (site / "index.html").read_text()
    local_page = local.built_site() / "a" / "index.html"
    assert f'<p class="verified">{NO_RESULTS}</p>' in local_page.read_text()
    code, stderr = bad.result()
    assert code != 0
    assert f"{results_file(bad.project, 'cpu')}: malformed verification file" \
        in stderr


def test_the_course_build_stamps_its_lessons(site_dir):
    """With the results it found: the files are written only when the
    session ends, so they are still what the build read."""
    page = (site_dir / "lessons" / "channels" / "index.html").read_text()
    found = {device: read_results(ROOT, device) for device in DEVICES}
    expected = stamp("docs/lessons/channels.md", found)
    assert f'<p class="verified">{expected}</p>' in page


def test_a_session_records_each_page(pytester):
    """A page is passed or failed only when all its blocks ran; a block
    skipped or deselected leaves the page out (not verified)."""
    result = run(
        pytester, "-p", "verification", "-k", "not (halfrun and 5)",
        passing="```python\nprint(1)\n```\n",
        failing="```python\nprint(1)\n```\n\n```python\nraise ValueError\n```\n",
        skipped="```python\nprint(1)\n```\n\n"
                "<!--pytest.mark.skip-->\n```python\nprint(2)\n```\n",
        halfrun="```python\nprint(1)\n```\n\n```python\nprint(2)\n```\n")
    result.assert_outcomes(passed=4, failed=1, skipped=1, deselected=1)
    recorded = read_results(pytester.path, "cpu")["pages"]
    assert {page: run["status"] for page, run in recorded.items()} == {
        "passing.md": "passed", "failing.md": "failed"}
    assert recorded["passing.md"]["date"] == date.today().isoformat()
    assert recorded["passing.md"]["torch"] == torch.__version__


def test_a_session_over_one_page_keeps_the_other_pages(pytester):
    """As ``pytest docs/lessons/padding.md`` after a full run."""
    write_results(pytester.path, "cpu", {"other.md": RUN})
    run(pytester, "-p", "verification", "one.md",
        one="```python\nprint(1)\n```\n")
    recorded = read_results(pytester.path, "cpu")["pages"]
    assert recorded["other.md"] == RUN
    assert recorded["one.md"]["status"] == "passed"
