"""The error gallery (docs/errors.md) quotes what the installed PyTorch says.

The page's expected-output blocks check each message verbatim; these tests
say which message a PyTorch upgrade reworded, ignoring the numbers (sizes
that a lesson's new example may change) but not the words. The page shows
the newest release's words: a rewording shapes/rewordings.py lists is
compared in the installed torch's.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass

import pytest
import torch

from course.markdown.structure import INCLUDE, Fence
from shapes.rewordings import as_printed_by
from support.pages import DOCS, python_fences, snippet_section

PAGE = DOCS / "errors.md"
HEADING = re.compile(r"^## (?P<title>.+)$", re.M)
NUMBER = re.compile(r"\d+")
# A heading is its message, "…" standing for numbers, " / " between messages.
GAP = re.compile(r"…| / ")


@dataclass
class Entry:
    heading: str
    fence: Fence  # the first python block under the heading: it raises
    include: str  # "file.py:section" that block shows

    @property
    def section(self) -> str:
        return self.include.partition(":")[2]


def entries() -> list[Entry]:
    """One per ``##`` heading of the page, with its raising block."""
    text = PAGE.read_text(encoding="utf-8")
    lines = text.splitlines()
    headings = [(text.count("\n", 0, match.start()) + 1, match["title"])
                for match in HEADING.finditer(text)]
    found = {}
    for fence in python_fences(PAGE):
        above = [title for line, title in headings if line < fence.line]
        if above and above[-1] not in found:
            include = INCLUDE.search(lines[fence.line])  # the line after ```python
            found[above[-1]] = Entry(above[-1], fence,
                                     f"{include['file']}:{include['section']}")
    return list(found.values())


def masked(message: str) -> str:
    return NUMBER.sub("<n>", message.strip())


def printed_by(file: str, section: str) -> str:
    printed = io.StringIO()
    source = snippet_section(file, section)
    with contextlib.redirect_stdout(printed):
        exec(compile(source, f"snippets/{file}:{section}", "exec"),
             {"__name__": "__main__"})
    return printed.getvalue()


def quoted_entries() -> list[Entry]:
    """The entries whose page shows the message (all but GPU-only ones)."""
    return [entry for entry in entries() if not entry.fence.gpu]


def test_the_gallery_has_at_least_12_distinct_entries():
    """Two entries may share a message (the channel mismatch of a
    channels-last batch has its own cause), never a heading."""
    headings = {entry.heading for entry in entries()}
    messages = {masked(entry.fence.shown or entry.heading) for entry in entries()}
    assert len(headings) == len(entries()) and len(messages) >= 12, (
        f"{PAGE.name}: {len(entries())} entries, {len(headings)} headings, "
        f"{len(messages)} distinct messages; the gallery promises 12 or more")


def test_every_raising_section_of_the_snippets_has_an_entry():
    shown = {entry.include for entry in entries()}
    sections = re.findall(r"\[start:(\w+_error)\]",
                          (DOCS.parent / "snippets" / "errors.py").read_text())
    missing = [name for name in sections if f"errors.py:{name}" not in shown]
    assert sections and not missing, f"sections with no heading: {missing}"


@pytest.mark.parametrize("entry", quoted_entries(), ids=lambda e: e.section)
def test_each_message_is_what_the_installed_torch_says(entry):
    assert entry.fence.shown, f"{entry.fence.where}: no expected output shown"
    file, section = entry.include.split(":")
    now = printed_by(file, section)
    shown = as_printed_by(entry.fence.shown, torch.__version__)
    assert masked(now) == masked(shown), (
        f"{section} ({entry.fence.where}): torch {torch.__version__} now says: "
        f"{now.strip()} ; the gallery says: {entry.fence.shown.strip()}")


@pytest.mark.parametrize("entry", quoted_entries(), ids=lambda e: e.section)
def test_each_heading_is_made_of_its_message(entry):
    """Search finds a message by its words: each heading is made of them."""
    missing = [part.strip() for part in GAP.split(entry.heading)
               if part.strip() and part.strip() not in entry.fence.shown]
    assert not missing, (f"{entry.fence.where}: heading {entry.heading!r} has "
                         f"{missing}, which its message lacks")


def test_the_device_message_starts_as_the_heading_says(torch_device):
    """The page quotes only the start of this message (its wording varies
    between releases): the start, checked on a GPU."""
    [entry] = [entry for entry in entries() if entry.fence.gpu]
    if torch_device != "cuda":
        pytest.skip("needs a CUDA device (run with --device cuda)")
    now = printed_by(*entry.include.split(":"))
    assert now.startswith(entry.heading), (
        f"{entry.fence.where}: torch {torch.__version__} now says: "
        f"{now.strip()} ; the gallery says it starts with: {entry.heading}")


def test_masking_keeps_the_words_and_drops_the_numbers():
    assert masked("cannot be multiplied (4x800 and 512x10)\n") == masked(
        "cannot be multiplied (2x96 and 64x10)")
    assert masked("in_channels must be divisible by groups") != masked(
        "in_channels must be a multiple of groups")
