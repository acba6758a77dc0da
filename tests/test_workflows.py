"""The GitHub Actions workflows, checked offline: GitHub's schema, a
security audit (zizmor), and the promises README.md and the issue make."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.specifiers import SpecifierSet

from course.includes import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent  # the venv's tools: check-jsonschema, zizmor


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as True
    return data


def steps(name: str) -> list[dict]:
    return [step for job in workflow(name)["jobs"].values()
            for step in job.get("steps", [])]


def runs(name: str) -> list[str]:
    return [line.strip() for step in steps(name)
            for line in step.get("run", "").splitlines()]


def tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_workflows_exist():
    assert sorted(path.name for path in WORKFLOWS.glob("*.yml")) == [
        "ci.yml", "gpu.yml", "pages.yml"]


def test_workflows_match_githubs_schema():
    result = tool("check-jsonschema", "--builtin-schema",
                  "vendor.github-workflows", *map(str, WORKFLOWS.glob("*.yml")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_at_medium_or_above():
    result = tool("zizmor", "--offline", "--min-severity", "medium",
                  str(WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_both_checks_catch_a_bad_workflow(tmp_path):
    """The offline checks are not vacuous: a job with no runner fails the
    schema; a tag-pinned checkout that keeps its credentials, the audit."""
    job = "on: push\njobs:\n  test:\n{}    steps:\n      - uses: actions/checkout@v4\n"
    no_runner, unsafe = tmp_path / "no-runner.yml", tmp_path / "unsafe.yml"
    no_runner.write_text(job.format(""))
    unsafe.write_text(job.format("    runs-on: ubuntu-24.04\n"))
    schema = tool("check-jsonschema", "--builtin-schema",
                  "vendor.github-workflows", str(no_runner))
    assert schema.returncode != 0 and "runs-on" in schema.stdout
    audit = tool("zizmor", "--offline", "--min-severity", "medium", str(unsafe))
    assert audit.returncode != 0 and "artipacked" in audit.stdout


@pytest.mark.parametrize("name", ["ci.yml", "gpu.yml", "pages.yml"])
def test_no_pull_request_target_and_no_persisted_credentials(name):
    assert "pull_request_target" not in (WORKFLOWS / name).read_text()
    checkouts = [step for step in steps(name)
                 if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(
        step["with"]["persist-credentials"] is False for step in checkouts)


def test_ci_runs_the_readme_test_command_on_every_supported_python():
    readme = (ROOT / "README.md").read_text()
    assert "```console\nmake test\n```" in readme
    assert "make test" in runs("ci.yml")
    ci = workflow("ci.yml")
    assert set(ci["on"]) >= {"pull_request", "push"}
    assert ci["permissions"] == {"contents": "read"}
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())[
        "project"]["requires-python"]
    supported = [f"3.{minor}" for minor in range(8, 20)
                 if f"3.{minor}" in SpecifierSet(requires)]
    assert ci["jobs"]["test"]["strategy"]["matrix"]["python"] == supported


def test_the_test_report_is_uploaded():
    for name in ("ci.yml", "gpu.yml"):
        uploads = [step for step in steps(name)
                   if step.get("uses", "").startswith("actions/upload-artifact@")]
        assert uploads, name
        assert "reports/" in uploads[0]["with"]["path"]
        assert ".verification/" in uploads[0]["with"]["path"]


def test_gpu_runs_the_suite_on_cuda_and_keeps_forks_off_the_runner():
    gpu = workflow("gpu.yml")
    assert set(gpu["on"]) >= {"push", "pull_request", "workflow_dispatch"}
    job = gpu["jobs"]["test"]
    assert "github.event.pull_request.head.repo.full_name == github.repository" \
        in job["if"]
    assert job["runs-on"] == "${{ vars.GPU_RUNNER || 'gpu' }}"
    assert "gpu-fork-review" in job["environment"]
    assert 'make test ARGS="--device cuda"' in runs("gpu.yml")
    assert "download.pytorch.org/whl/cu" in job["env"]["PIP_EXTRA_INDEX_URL"]


def test_pages_tests_first_then_builds_strictly_and_deploys():
    pages = workflow("pages.yml")
    assert list(pages["on"]) == ["push"]
    jobs = pages["jobs"]
    assert jobs["cpu"]["uses"] == "./.github/workflows/ci.yml"
    assert jobs["gpu"]["uses"] == "./.github/workflows/gpu.yml"
    assert jobs["build"]["needs"] == ["cpu", "gpu"]
    assert ".venv/bin/mkdocs build --strict" in runs("pages.yml")
    used = {re.sub(r"@.*", "", step.get("uses", "")) for step in steps("pages.yml")}
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= used
