"""The GitHub Actions workflows, checked offline: GitHub's schema, a
security audit (zizmor), and the promises README.md makes."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

from support.workflows import WORKFLOWS, evaluate, runs, steps, workflow
from workbench.repository import ROOT

BIN = Path(sys.executable).parent  # the venv's tools: check-jsonschema, zizmor
NAMES = ["ci.yml", "gpu.yml", "pages.yml", "torch-newest.yml"]
# GitHub's actions at their Node 24 releases (Node 20 left GitHub's runners
# on 2026-09-16): action -> (version, its commit), as read from the actions'
# own repositories in December 2026.
PINNED = {
    "actions/checkout": ("v7.0.1", "3d3c42e5aac5ba805825da76410c181273ba90b1"),
    "actions/setup-python": ("v7.0.0", "5fda3b95a4ea91299a34e894583c3862153e4b97"),
    "actions/upload-artifact": ("v7.0.0", "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f"),
    "actions/download-artifact": ("v8.0.1",
                                  "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c"),
    "actions/upload-pages-artifact": ("v5.0.0",
                                      "fc324d3547104276b827a68afc52ff2a11cc49c9"),
    "actions/deploy-pages": ("v5.0.0", "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128"),
}
USES = re.compile(r"^[\s-]*uses: (\S+?)@(\S+)(.*)$", re.M)


def tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def test_workflows_exist():
    assert sorted(path.name for path in WORKFLOWS.glob("*.yml")) == NAMES


def test_every_action_is_its_node_24_release_pinned_by_commit():
    used = set()
    for name in NAMES:
        for action, ref, comment in USES.findall((WORKFLOWS / name).read_text()):
            if action.startswith("./"):
                continue  # one of ours
            assert action in PINNED, f"{name}: {action} is not in PINNED"
            version, commit = PINNED[action]
            assert (ref, comment.strip()) == (commit, f"# {version}"), name
            used.add(action)
    assert used == set(PINNED)  # no stale line in the table


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


@pytest.mark.parametrize("name", NAMES)
def test_no_pull_request_target_and_no_persisted_credentials(name):
    assert "pull_request_target" not in (WORKFLOWS / name).read_text()
    checkouts = [step for step in steps(name)
                 if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(
        step["with"]["persist-credentials"] is False for step in checkouts)


def test_ci_runs_the_readme_test_command_on_every_supported_python():
    readme = (ROOT / "README.md").read_text()
    assert "```console\nmake test\n```" in readme
    assert 'make test ARGS="$PATHS"' in runs("ci.yml")  # the part's folders
    ci = workflow("ci.yml")
    assert set(ci["on"]) >= {"pull_request", "push"}
    assert ci["permissions"] == {"contents": "read"}
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())[
        "project"]["requires-python"]
    supported = [f"3.{minor}" for minor in range(8, 20)
                 if f"3.{minor}" in SpecifierSet(requires)]
    assert ci["jobs"]["test"]["strategy"]["matrix"]["python"] == supported


def test_ci_parts_together_run_the_whole_suite():
    """Each part runs side by side; together they run every folder of
    tests/ that holds tests, and the docs blocks."""
    matrix = workflow("ci.yml")["jobs"]["test"]["strategy"]["matrix"]
    paths = {path for part in matrix["include"] for path in part["paths"].split()}
    assert {part["part"] for part in matrix["include"]} == set(matrix["part"])
    folders = {f"tests/{folder.name}" for folder in (ROOT / "tests").iterdir()
               if folder.is_dir() and any(folder.glob("test_*"))}
    assert paths == folders | {"docs"}
    assert "${{ matrix.part }}" in steps("ci.yml")[-1]["with"]["name"]


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
    assert job["runs-on"] == "${{ vars.GPU_RUNNER }}"
    assert "gpu-fork-review" in job["environment"]
    assert 'make test ARGS="--device cuda"' in runs("gpu.yml")
    assert "download.pytorch.org/whl/cu" in job["env"]["PIP_EXTRA_INDEX_URL"]


def test_the_newest_torch_runs_the_suite_weekly_and_by_hand():
    """Torch from PyTorch's CPU wheel index, upgraded past constraints.txt's
    pin (the one line the install leaves out), then the README's command."""
    newest = workflow("torch-newest.yml")
    assert set(newest["on"]) == {"schedule", "workflow_dispatch"}
    assert [entry["cron"].split()[2:] for entry in newest["on"]["schedule"]] \
        == [["*", "*", "1"]]  # every Monday
    assert newest["permissions"] == {"contents": "read"}
    install = runs("torch-newest.yml")
    pins = [line for line in (ROOT / "constraints.txt").read_text().splitlines()
            if line.startswith("torch==")]
    assert len(pins) == 1 and "grep -v '^torch==' constraints.txt" in install[0]
    assert any(line.startswith(".venv/bin/pip install --upgrade")
               for line in install)
    assert "--index-url https://download.pytorch.org/whl/cpu torch" in install
    assert any(line.startswith("touch .venv/.installed") for line in install)
    assert install[-1] == "make test"


def test_the_readme_states_the_torch_range_and_how_it_is_verified():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    [torch] = [spec for spec in project["dependencies"]
               if spec.startswith("torch")]
    readme = " ".join((ROOT / "README.md").read_text().split())
    assert f"`pyproject.toml` accepts `{torch}`" in readme
    assert "`torch-newest.yml` runs `make test` every Monday" in readme


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


@pytest.mark.parametrize("runner, event, head, runs", [
    ("", "push", None, False),
    ("", "workflow_dispatch", None, False),
    ("gpu", "push", None, True),
    ("gpu", "pull_request", "conv2d-shapes/course", True),
    ("gpu", "pull_request", "a-fork/course", False),
], ids=["no runner", "no runner, by hand", "runner", "own branch",
        "fork"])
def test_the_gpu_job_runs_only_where_a_gpu_runner_is_configured(
        runner, event, head, runs):
    """Without one it is skipped at once, instead of queueing for a day."""
    github = {"event_name": event, "repository": "conv2d-shapes/course"}
    if head:
        github["event"] = {"pull_request": {"head": {"repo": {"full_name": head}}}}
    job = workflow("gpu.yml")["jobs"]["test"]
    assert bool(evaluate(job["if"], vars={"GPU_RUNNER": runner},
                         github=github)) is runs


@pytest.mark.parametrize("gpu", ["success", "failure", "skipped"])
def test_pages_deploy_once_the_cpu_tests_pass_whatever_the_gpu_did(gpu):
    """A failed GPU run shows on the stamp, a skipped one reads "not
    verified"; neither holds the site back. A CPU failure does."""
    jobs = workflow("pages.yml")["jobs"]
    assert jobs["deploy"]["needs"] == "build"
    build = jobs["build"]["if"]
    assert evaluate(build, needs={"cpu": {"result": "success"},
                                  "gpu": {"result": gpu}})
    assert not evaluate(build, needs={"cpu": {"result": "failure"},
                                      "gpu": {"result": gpu}})
    downloads = [step for step in jobs["build"]["steps"]
                 if step.get("with", {}).get("name") == "test-report-cuda"]
    assert downloads and downloads[0]["continue-on-error"] is True

