"""Messages whose words depend on the PyTorch release (shapes/rewordings.py):
its JavaScript twin agrees, and the pages show the newest release's words
and say what older releases print."""

from __future__ import annotations

import json

import pytest

from shapes.conv import TorchError, explore
from shapes.rewordings import REWORDINGS, as_printed_by, older_releases
from support.node import call_each, value
from support.pages import page_fences, pages, prose, relative
from workbench.repository import ROOT

ADDMM = "addmm: mat1 and mat2 shapes cannot be multiplied (4x800 and 512x10)"
MM = "mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)"
OLD = "mat1 and mat2 shapes cannot be multiplied"
REWORDINGS_JS = "shapes/rewordings.js"
# (text in the newest words, a torch version, what that torch prints)
EXAMPLES = [
    (f"RuntimeError: {ADDMM}", "2.13.0+cpu", f"RuntimeError: {OLD} (4x800 and 512x10)"),
    (f"RuntimeError: {ADDMM}", "2.14.1", f"RuntimeError: {OLD} (4x800 and 512x10)"),
    (f"RuntimeError: {ADDMM}", "2.15.0+cu132", f"RuntimeError: {ADDMM}"),
    (f"RuntimeError: {ADDMM}", "3.0.0", f"RuntimeError: {ADDMM}"),
    (f"{MM}\n8 * 8 -> {ADDMM}", "2.4.0",
     f"{OLD} (2x3 and 4x5)\n8 * 8 -> {OLD} (4x800 and 512x10)"),
    (f"not at a word's start: x{MM}", "2.13.0", f"not at a word's start: x{MM}"),
    ("Given groups=1, weight of size [16, 3, 3, 3]", "2.4.0",
     "Given groups=1, weight of size [16, 3, 3, 3]"),
]


def test_the_javascript_table_is_the_python_one():
    table = value(REWORDINGS_JS, "REWORDINGS")
    assert table == [{"since": list(r.since), "now": r.now, "before": r.before}
                     for r in REWORDINGS]


@pytest.mark.parametrize("text, version, printed", EXAMPLES)
def test_the_newest_words_in_an_older_release_s(text, version, printed):
    assert as_printed_by(text, version) == printed


def test_javascript_gives_each_release_the_same_words():
    pairs = [[text, version] for text, version, _ in EXAMPLES]
    printed = call_each(REWORDINGS_JS, "asPrintedBy", pairs)
    assert printed == [printed for _, _, printed in EXAMPLES]


def test_older_wordings_are_what_the_widgets_add_to_a_message():
    messages = [ADDMM, MM, "Given groups=1, weight of size [16, 3, 3, 3]"]
    older = call_each(REWORDINGS_JS, "olderWordings", ([m] for m in messages))
    assert older == [[{"releases": "2.14 and older",
                       "message": as_printed_by(message, "2.14")}]
                     for message in messages[:2]] + [[]]
    assert older_releases((2, 15)) == "2.14 and older"
    assert older_releases((3, 0)) == "before 3.0"


def explorer_message(config: dict) -> str | None:
    """The message convshape.py (the explorer's model) gives, if any."""
    arguments = {**config, "input_shape": tuple(config["input"])}
    del arguments["input"]
    try:
        explore(**arguments)
    except TorchError as error:
        return str(error)
    return None


def test_no_message_of_the_explorer_is_reworded():
    """The explorer (docs/explorer.md) shows Conv2d's messages with no note
    on older words: none is reworded from torch 2.4 to 2.15. A rewording of
    one needs the tracer's note there too (in the explorer's 30 KB)."""
    cases = json.loads((ROOT / "tests" / "cases" / "conv2d.json").read_text())
    messages = {explorer_message(case["config"]) for case in cases["cases"]}
    reworded = [message for message in messages - {None}
                if as_printed_by(message, "0.0") != message]
    assert len(messages) > 10 and not reworded, reworded


def stale_outputs(fences: list) -> list[str]:
    """The expected outputs that show a reworded message in older words
    than the newest: their test would pass on older torch only."""
    longest_first = sorted(REWORDINGS, key=lambda r: len(r.now), reverse=True)
    stale = []
    for fence in fences:
        rest = fence.shown or ""
        for rewording in longest_first:  # "addmm: ..." before "mm: ..."
            rest = rest.replace(rewording.now, "")
        stale += [f"{fence.where}: shows {r.before!r}, as PyTorch "
                  f"{older_releases(r.since)} prints it; pages show the newest "
                  f"release's words ({r.now!r}, shapes/rewordings.py)"
                  for r in REWORDINGS if r.before in rest][:1]
    return stale


@pytest.mark.parametrize("page", pages(), ids=relative)
def test_pages_show_the_newest_words_and_say_what_older_releases_print(page):
    fences = page_fences(page)
    assert not stale_outputs(fences), "\n".join(stale_outputs(fences))
    shown = "".join(fence.shown or "" for fence in fences)
    notes = {f"PyTorch {older_releases(r.since)}" for r in REWORDINGS
             if r.now in shown}
    text = " ".join(prose(page).split())  # lines joined as the page shows them
    missing = sorted(note for note in notes if note not in text)
    assert not missing, (f"{relative(page)} shows a message in the newest "
                         f"release's words, but its text never says what "
                         f"{', '.join(missing)} print")
