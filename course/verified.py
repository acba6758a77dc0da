"""The "Verified" stamp under each tested page's title.

The test suite writes one small JSON file per device, ``.verification/cpu.json``
and ``.verification/cuda.json`` next to mkdocs.yml, saying which docs pages
had all their snippets pass, with which torch and on which day. The course
plugin reads them when the site is built and puts a line under the title of
every page with ``python`` blocks, for example

    Verified: torch 2.13.0 — CPU ✓ — CUDA: not verified — 2026-11-30

The stamp never claims more than was run: a device without a file, or a
page missing from it, reads "not verified"; a failed page reads "failed".
A build with no file at all (a local build before any ``make test``; CI
builds the published site with its results) says just that, rather than
"not verified" beside the course's claim that PyTorch computed every shape.
A malformed file is a warning (so ``mkdocs build --strict`` fails naming
it) and counts as missing. The files are written when a test session
ends, while the suite's own site build starts with the session: that
build shows the previous run's results; CI runs the tests first, then
builds the site.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

from course.logger import log

DIRECTORY = ".verification"
DEVICES = {"cpu": "CPU", "cuda": "CUDA"}  # device -> label on the stamp
STATUSES = ("passed", "failed")
PYTHON_FENCE = re.compile(r"^\s*```python\s*$", re.M)
NO_RESULTS = ("Not verified: this build carries no test results "
              "(<code>make test</code> writes them for the next build)")


class MalformedResults(ValueError):
    """A verification file that is not what the test suite writes."""


def results_file(directory: Path, device: str) -> Path:
    return directory / DIRECTORY / f"{device}.json"


def write_results(directory: Path, device: str, torch_version: str,
                  pages: dict[str, str], day: date | None = None) -> Path:
    """Write one device's results: page (``docs/...md``) -> passed/failed."""
    path = results_file(directory, device)
    path.parent.mkdir(exist_ok=True)
    data = {"device": device, "torch": torch_version,
            "date": (day or date.today()).isoformat(), "pages": pages}
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    return path


def read_results(directory: Path, device: str) -> dict | None:
    """One device's results; None when the tests never wrote them."""
    path = results_file(directory, device)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        problem = _problem(data, device)
    except (UnicodeDecodeError, ValueError) as error:
        problem = f"not JSON: {error}"
    if problem:
        raise MalformedResults(f"{path}: malformed verification file "
                               f"({problem}); rerun the tests or delete it")
    return data


def _problem(data, device: str) -> str | None:
    """What is wrong with a parsed results file, if anything."""
    if not isinstance(data, dict):
        return "not a JSON object"
    if data.get("device") != device:
        return f"'device' is {data.get('device')!r}, not {device!r}"
    if not isinstance(data.get("torch"), str):
        return "'torch' is not a version string"
    try:
        date.fromisoformat(data.get("date"))
    except (TypeError, ValueError):
        return f"'date' {data.get('date')!r} is not YYYY-MM-DD"
    pages = data.get("pages")
    if not isinstance(pages, dict) or not all(
            status in STATUSES for status in pages.values()):
        return f"'pages' must map pages to one of {', '.join(STATUSES)}"
    return None


def stamp(page: str, results: dict[str, dict | None]) -> str:
    """The stamp of ``page`` (``docs/...md``) for every device, as HTML."""
    if not any(results.values()):
        return NO_RESULTS
    ran = {device: data for device, data in results.items()
           if data and page in data["pages"]}
    runs = {(_release(data["torch"]), data["date"]) for data in ran.values()}
    parts = []
    for device, label in DEVICES.items():
        data = ran.get(device)
        if data is None:
            parts.append(f"{label}: not verified")
            continue
        passed = data["pages"][page] == "passed"
        part = f"{label} ✓" if passed else f"{label}: failed"
        if len(runs) > 1:  # different torch or day per device: say which
            part += f" (torch {html.escape(_release(data['torch']))}, {data['date']})"
        parts.append(part)
    if len(runs) == 1:
        (version, day), = runs
        parts = [f"torch {html.escape(version)}", *parts, day]
    return "Verified: " + " — ".join(parts)


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
    if not PYTHON_FENCE.search(markdown):
        return ""
    return f'<p class="verified">{stamp(page, results)}</p>'
