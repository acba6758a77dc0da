"""The notebooks branch, which the site's "Open in Colab" links open: the
Pages workflow's only job that may write to the repository pushes there,
with plain git, the notebooks the build wrote. Its scripts run here as the
workflow runs them, against a local bare repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.config import CourseConfig
from course.notebooks import publish
from support.workflows import evaluate, job_steps, workflow
from workbench.repository import ROOT

BIN = Path(sys.executable).parent  # the venv's, as .venv/bin in the workflow
COLAB = re.compile(r"https://colab\.research\.google\.com/github/"
                   r"([\w.-]+/[\w.-]+)/blob/([\w.-]+)/([\w.-]+\.ipynb)")


def test_only_the_notebooks_job_may_write_to_the_repository():
    """Read access unless a job names more; the notebooks job pushes with
    plain git, running no action but GitHub's own download."""
    pages = workflow("pages.yml")
    assert pages["permissions"] == {"contents": "read"}
    granted = {name: job["permissions"] for name, job in pages["jobs"].items()
               if "permissions" in job}
    assert granted == {"deploy": {"pages": "write", "id-token": "write"},
                       "notebooks": {"contents": "write"}}
    actions = [step["uses"].split("@")[0]
               for step in job_steps("pages.yml", "notebooks") if "uses" in step]
    assert actions == ["actions/download-artifact"]


@pytest.mark.parametrize("repository, pushes", [
    ("conv2d-shapes/course", True), ("a-fork/course", False)])
def test_the_notebooks_branch_is_pushed_in_the_configured_repository_only(
        repository, pushes):
    """A fork's site links to the configured repository's notebooks."""
    job = workflow("pages.yml")["jobs"]["notebooks"]
    assert job["needs"] == "build"
    built = {"build": {"outputs": {"repository": "conv2d-shapes/course"}}}
    assert bool(evaluate(job["if"], github={"repository": repository},
                         needs=built)) is pushes


def run_step(script: str, cwd: Path, **env: str) -> None:
    """A step's script as GitHub runs it, on a runner without git settings."""
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd, capture_output=True, text=True, timeout=120,
        env={"PATH": os.environ["PATH"], "HOME": str(cwd),
             "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, **env})
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_colab_links_open_the_notebooks_the_workflow_pushes(site_dir,
                                                                tmp_path):
    """The build job's publish step and the notebooks job's push, run as the
    workflow runs them (the artifact between them one folder here, GitHub a
    bare repository), twice: the branch holds exactly the notebooks the
    site's Colab links name, byte for byte as built, at the repository and
    branch of the links."""
    site = site_dir
    build, [download, push] = (job_steps("pages.yml", "build"),
                               job_steps("pages.yml", "notebooks"))
    upload = next(step for step in build if step.get("with", {}).get(
        "name") == download["with"]["name"])
    folder = download["with"]["path"]
    assert upload["with"]["path"].rstrip("/") == folder == push["working-directory"]
    assert workflow("pages.yml")["jobs"]["build"]["outputs"] == {
        "repository": "${{ steps.notebooks.outputs.repository }}",
        "notebooks-branch": "${{ steps.notebooks.outputs.branch }}"}
    assert push["env"]["BRANCH"] == "${{ needs.build.outputs.notebooks-branch }}"
    for name in ("mkdocs.yml", "docs", "snippets", "shapes"):  # the checkout
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / ".venv").symlink_to(BIN.parent)
    (tmp_path / "site").symlink_to(site)
    remote = None
    for run in ("first", "again"):
        shutil.rmtree(tmp_path / folder, ignore_errors=True)
        output = tmp_path / f"output-{run}"
        [publish] = [step for step in build if step.get("id") == "notebooks"]
        run_step(publish["run"], tmp_path, GITHUB_OUTPUT=str(output))
        given = dict(line.split("=", 1) for line in output.read_text().splitlines())
        remote = tmp_path / "github" / f"{given['repository']}.git"
        if run == "first":
            subprocess.run(["git", "init", "--quiet", "--bare", str(remote)],
                           check=True)
        run_step(push["run"], tmp_path / folder, BRANCH=given["branch"],
                 TOKEN="token", GITHUB_SHA="0" * 40,
                 GITHUB_SERVER_URL=(tmp_path / "github").as_uri(),
                 GITHUB_REPOSITORY=given["repository"])

    def git(*args: str) -> bytes:
        return subprocess.run(["git", "--git-dir", str(remote), *args],
                              check=True, capture_output=True).stdout

    assert len(git("rev-list", given["branch"]).split()) == 1  # replaced
    pushed = set(git("ls-tree", "--name-only", given["branch"]).decode().split())
    linked = {COLAB.fullmatch(href).groups() for page in site.rglob("*.html")
              for href in re.findall(r'href="(https://colab[^"]+)"', page.read_text())}
    assert {(repository, branch) for repository, branch, _ in linked} == {
        (given["repository"], given["branch"])}
    built = {path.name: path for path in site.glob("notebooks/*/*.ipynb")}
    assert {path for *_, path in linked} == set(built) == pushed - {"README.md"}
    for name, path in built.items():
        assert git("show", f"{given['branch']}:{name}") == path.read_bytes(), name


def test_publishing_without_a_built_site_says_what_is_missing(tmp_path):
    with pytest.raises(SystemExit, match=re.escape(
            f"{tmp_path}/notebooks/channels-practice/channels-practice.ipynb: "
            "not in the built site (build it first: mkdocs build --strict)")):
        publish.main([str(tmp_path), str(tmp_path / "branch"),
                      "--config-file", str(ROOT / "mkdocs.yml")])


@pytest.mark.parametrize("options, message", [
    ({"notebooks_branch": "notebooks"},
     "notebooks_repository: Required configuration not provided."),
    ({"notebooks_repository": "course", "notebooks_branch": "notebooks"},
     "notebooks_repository: expected owner/name of a GitHub repository, "
     "got 'course'"),
    ({"notebooks_repository": "a/b", "notebooks_branch": "x; rm -rf ~"},
     "notebooks_branch: expected a branch name (letters, digits, '.', '_', "
     "'-'), got 'x; rm -rf ~'"),
], ids=["no repository", "no owner", "not a branch name"])
def test_the_plugin_options_name_what_they_expect(options, message):
    config = CourseConfig()
    config.load_dict(options)
    failed, _ = config.validate()
    assert [f"{name}: {error}" for name, error in failed] == [message]
