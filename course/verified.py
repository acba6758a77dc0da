"""The "Verified" stamp under each tested page's title.

The test suite writes one small JSON file per device, ``.verification/cpu.json``
and ``.verification/cuda.json`` next to mkdocs.yml, saying which docs pages
had all their snippets pass, with which torch and on which day. The course
plugin reads them when the site is built and puts a line under the title of
every page with ``python`` blocks, for example

    Verified: torch 2.13.0 — CPU ✓ — CUDA: not verified — 2026-11-30

Each page keeps the torch and the day of the last session that ran it, so
a session that runs some pages (``pytest docs/lessons/padding.md``) updates
those and leaves the others as they were. The stamp never claims more than
was run: a device without a result for the page reads "not verified", a
failed page "failed", and a page that no device passed does not begin with
"Verified". A build with no file at all (a local build before any ``make
test``; CI builds the published site with its results) says just that,
rather than "not verified" beside the course's claim that PyTorch computed
every shape.
A malformed file is a warning (so ``mkdocs build --strict`` fails naming
it) and counts as missing. The files are written when a test session
ends, while the suite's own site build starts with the session: that
build shows the previous run's results; CI runs the tests first, then
builds the site.
"""

from __future__ import annotations

import html
import json
from datetime import date
from pathlib import Path

from course.logger import log
from course.markdown.structure import fences, numbered, parse

DIRECTORY = ".verification"
DEVICES = {"cpu": "CPU", "cuda": "CUDA"}  # device -> label on the stamp
STATUSES = ("passed", "failed")
NO_RESULTS = ("Not verified: this build carries no test results "
              "(<code>make test</code> writes them for the next build)")
NOT_RUN = ("Not verified yet: the test results of this build do not cover "
           "this page (<code>make test</code> runs it for the next build)")


class MalformedResults(ValueError):
    """A verification file that is not what the test suite writes."""


def results_file(directory: Path, device: str) -> Path:
    return directory / DIRECTORY / f"{device}.json"


def write_results(directory: Path, device: str,
                  pages: dict[str, dict[str, str]]) -> Path:
    """Write one device's results: page (``docs/...md``) -> its last run,
    ``{"status": "passed" or "failed", "torch": version, "date": day}``."""
    path = results_file(directory, device)
    path.parent.mkdir(exist_ok=True)
    data = {"device": device, "pages": pages}
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    return path


def record_run(directory: Path, device: str, torch_version: str,
               statuses: dict[str, str], day: date | None = None) -> Path:
    """Merge one session's results (page -> passed/failed) into the device's
    file: a page that ran takes this status, torch and day; a page that did
    not keeps its earlier run. Earlier results that cannot be read are
    replaced."""
    try:
        earlier = read_results(directory, device)
    except MalformedResults:
        earlier = None
    pages = dict(earlier["pages"]) if earlier else {}
    run = {"torch": torch_version, "date": (day or date.today()).isoformat()}
    pages.update({page: {"status": status, **run}
                  for page, status in statuses.items()})
    return write_results(directory, device, pages)


def read_results(directory: Path, device: str) -> dict | None:
    """One device's results; None when the tests never wrote them."""
    path = results_file(directory, device)
    if not path.exists():
        return None
    try:
        data = _runs_per_page(json.loads(path.read_text(encoding="utf-8")))
        problem = _problem(data, device)
    except (UnicodeDecodeError, ValueError) as error:
        problem = f"not JSON: {error}"
    if problem:
        raise MalformedResults(f"{path}: malformed verification file "
                               f"({problem}); rerun the tests or delete it")
    return data


def _runs_per_page(data):
    """A file whose pages are bare statuses, with one torch and date beside
    them, read as each page with that torch and date: contributors' machines
    hold such files, and their builds must not fail on them."""
    if not isinstance(data, dict) or not isinstance(data.get("pages"), dict):
        return data
    shared = {"torch": data.get("torch"), "date": data.get("date")}
    return {"device": data.get("device"),
            "pages": {page: {"status": run, **shared} if isinstance(run, str)
                      else run for page, run in data["pages"].items()}}


def _problem(data, device: str) -> str | None:
    """What is wrong with a parsed results file, if anything."""
    if not isinstance(data, dict):
        return "not a JSON object"
    if data.get("device") != device:
        return f"'device' is {data.get('device')!r}, not {device!r}"
    if not isinstance(data.get("pages"), dict):
        return "'pages' is not a JSON object"
    for page, run in data["pages"].items():
        if problem := _run_problem(run):
            return f"page {page!r}: {problem}"
    return None


def _run_problem(run) -> str | None:
    if not isinstance(run, dict) or run.get("status") not in STATUSES:
        return f"the status must be one of {', '.join(STATUSES)}"
    if not isinstance(run.get("torch"), str):
        return "'torch' is not a version string"
    try:
        date.fromisoformat(run.get("date"))
    except (TypeError, ValueError):
        return f"'date' {run.get('date')!r} is not YYYY-MM-DD"
    return None


def stamp(page: str, results: dict[str, dict | None]) -> str:
    """The stamp of ``page`` (``docs/...md``) for every device, as HTML."""
    if not any(results.values()):
        return NO_RESULTS
    ran = {device: data["pages"][page] for device, data in results.items()
           if data and page in data["pages"]}
    if not ran:
        return NOT_RUN
    runs = {(_release(run["torch"]), run["date"]) for run in ran.values()}
    parts = []
    for device, label in DEVICES.items():
        run = ran.get(device)
        if run is None:
            parts.append(f"{label}: not verified")
            continue
        part = f"{label} ✓" if run["status"] == "passed" else f"{label}: failed"
        if len(runs) > 1:  # different torch or day per device: say which
            part += f" (torch {html.escape(_release(run['torch']))}, {run['date']})"
        parts.append(part)
    if len(runs) == 1:
        (version, day), = runs
        parts = [f"torch {html.escape(version)}", *parts, day]
    passed = any(run["status"] == "passed" for run in ran.values())
    return ("Verified: " if passed else "Not verified: ") + " — ".join(parts)


def _release(version: str) -> str:
    """2.13.0+cu130 -> 2.13.0: the build tag is the device, shown apart."""
    return version.split("+")[0]


def load_results(directory: Path) -> dict[str, dict | None]:
    """Every device's results next to mkdocs.yml in ``directory``; a
    malformed file is a warning (``--strict`` stops) and counts as missing."""
    results = {}
    for device in DEVICES:
        try:
            results[device] = read_results(directory, device)
        except MalformedResults as error:
            log.warning(str(error))
            results[device] = None
    missing = [device for device in DEVICES
               if not results_file(directory, device).exists()]
    if len(missing) == len(DEVICES):
        log.info(f"no test results in {directory / DIRECTORY}: pages say this "
                 "build carries none (make test writes them)")
        return results
    for device in missing:
        log.info(f"no {results_file(directory, device)}: pages say "
                 f"'{DEVICES[device]}: not verified' (make test "
                 f'ARGS="--device {device}" writes it)')
    return results


def stamp_line(markdown: str, page: str, results: dict[str, dict | None]) -> str:
    """The stamp paragraph of a page (``docs/...md``); "" if it has no
    python code."""
    if not any(fence.info == "python"
               for fence in fences(parse(numbered(markdown)))):
        return ""
    return f'<p class="verified">{stamp(page, results)}</p>'
