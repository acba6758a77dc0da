"""pytest plugin: collect the lessons' code blocks the way readers see them,
and report a failure at the lines its author edits.

pytest-codeblocks does not expand ``--8<--`` includes, so each page of
docs/ is expanded here first (with MkDocs' own snippet settings) and the
expanded text is handed to pytest-codeblocks' extractor. Each python block
is a test named after the sections it includes (``padding.md::valid``), or
its fence's line when it includes none; it runs compiled from the files its
lines come from, asserts rewritten as pytest rewrites a test file's, so a
failure names the snippet and Markdown lines (support/block_failures.py).
``--update-outputs`` rewrites the expected outputs a passing block no
longer prints; on GitHub Actions each failure is also an annotation. An
expected output shows the newest release's words; it is compared in the
installed torch's (shapes/rewordings.py).

A plugin, not tests/conftest.py: a conftest's collection hooks only see
paths below its own folder, and docs/ is beside tests/, not under it.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import re
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path

import pytest
from pytest_codeblocks.plugin import TestBlock

from course.markdown.includes import IncludeError, sections
from course.markdown.structure import INCLUDE
from shapes.rewordings import as_printed_by
from support import assertion_rewriting
from support.block_failures import BlockFailure, Crash, OutputMismatch, report
from support.block_source import BlockSource, page_blocks, snippet_path
from workbench.repository import include_options

UPDATES = pytest.StashKey[list["Update"]]()  # found while running
WRITTEN = pytest.StashKey[list[str]]()  # where they were written


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-outputs", action="store_true",
        help="rewrite each expected-output text block of the docs whose "
             "python block passed but printed something else")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[UPDATES] = []


def pytest_collect_file(file_path: Path, parent):
    if (file_path.suffix == ".md"
            and parent.config.rootpath / "docs" in file_path.parents):
        return ExpandedMarkdown.from_parent(parent, path=file_path)
    return None


def shown(path: Path, root: Path) -> str:
    """``path`` as reports print it: from the rootdir when inside."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


class ExpandedMarkdown(pytest.File):
    """A docs page whose python blocks run after include expansion."""

    def collect(self):
        root = self.config.rootpath
        options = include_options(root)
        try:
            blocks = list(page_blocks(self.path, shown(self.path, root), options))
        except IncludeError as error:
            raw = self.path.read_text(encoding="utf-8").splitlines()
            include = INCLUDE.search(raw[error.line - 1])
            yield BrokenInclude.from_parent(
                self, name=include["section"] if include else f"line {error.line}",
                error=error, include=include, options=options)
            return
        names: set[str] = set()
        for block, source in blocks:
            name = unique(block_name(source), names)
            names.add(name)
            item = DocsBlock.from_parent(self, name=name, obj=block, source=source)
            for mark in block.marks:
                item.add_marker(eval(mark, {"pytest": pytest}))
            yield item


def block_name(source: BlockSource) -> str:
    """The sections a block includes (``exercise+blank+check``), else the
    line of its fence: a name that prose edits above it do not change."""
    sections = [include.partition(":")[2] for include in source.includes()]
    return "+".join(sections) or f"line {source.fence}"


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3``... when a page has it already."""
    candidate, count = name, 1
    while candidate in taken:
        count += 1
        candidate = f"{name}-{count}"
    return candidate


class DocsBlock(TestBlock):
    """A python block of a page, with where each of its lines comes from."""

    def __init__(self, *, source: BlockSource, **kwargs) -> None:
        super().__init__(**kwargs)
        self.source = source

    def runtest(self) -> None:
        if self.obj.importorskip is not None:
            pytest.importorskip(self.obj.importorskip)
        rewrite = None
        if self.config.getoption("assertmode") == "rewrite":
            rewrite = partial(assertion_rewriting.rewrite, config=self.config,
                              name=self.nodeid)
        codes = self.source.compile(rewrite)
        namespace = {"__name__": "__main__"}
        with contextlib.redirect_stdout(io.StringIO()) as printed:
            try:
                for code in codes:
                    exec(code, namespace)
            finally:
                if printed.getvalue():
                    self.add_report_section("call", "stdout", printed.getvalue())
        self._check_output(printed.getvalue())

    def _check_output(self, printed: str) -> None:
        if self.obj.expected_output is None:
            return
        expected = as_printed_by(self.obj.expected_output, version("torch"))
        if _same(expected, printed, self.obj.expected_output_ignore_whitespace):
            return
        output = self.source.output
        # A text block shows whole lines: output without its last newline
        # would still differ once written.
        if (self.config.getoption("update_outputs") and output.body is not None
                and (printed.endswith("\n") or not printed)):
            self.config.stash[UPDATES].append(Update(self, printed))
            return
        raise OutputMismatch(expected, printed)

    def repr_failure(self, excinfo, style=None):
        return report(self.source, excinfo, self.config,
                      partial(shown, root=self.config.rootpath))

    def reportinfo(self):
        return self.path, self.source.fence - 1, self.nodeid


def _same(expected: str, printed: str, ignore_whitespace: bool) -> bool:
    if ignore_whitespace:
        return re.sub(r"\s+", "", expected) == re.sub(r"\s+", "", printed)
    return expected == printed


class BrokenInclude(pytest.Item):
    """A page whose include names a missing file or section: it cannot be
    expanded, so it is this one failing test."""

    def __init__(self, *, error: IncludeError, include: re.Match | None,
                 options: dict, **kwargs) -> None:
        super().__init__(**kwargs)
        self.error, self.include, self.options = error, include, options

    def runtest(self) -> None:
        raise self.error

    def repr_failure(self, excinfo, style=None):
        error = self.error
        places = [f"Markdown: {error.source}:{error.line}: {error.reason}"]
        if self.include is not None:
            places += self._nearest_sections()
        return BlockFailure(places, Crash(error.source, error.line, error.reason))

    def _nearest_sections(self) -> list[str]:
        """The snippet file's sections closest to the missing one."""
        path = snippet_path(self.include["file"], self.options["base_path"])
        if path is None:
            return []
        starts = sections(path)
        where = shown(path, self.config.rootpath)
        close = difflib.get_close_matches(self.include["section"], starts,
                                          n=3, cutoff=0.5)
        return [f"snippet:  {where}:{starts[name]}: section {name!r}"
                for name in close or starts]

    def reportinfo(self):
        return self.path, self.error.line - 1, self.nodeid


@dataclass
class Update:
    """A block's expected output to rewrite with what it printed."""

    item: DocsBlock
    printed: str

    def apply(self, lines: list[str], offset: int) -> int:
        """Rewrite the output in ``lines`` (the page, its lines moved by
        ``offset`` by the updates above); return the new offset."""
        output = self.item.source.output
        body = range(output.body.start + offset, output.body.stop + offset)
        new = [f"{output.indent}{line}".rstrip() + "\n"
               for line in self.printed.splitlines()]
        lines[body.start - 1:body.stop - 1] = new
        return offset + len(new) - len(body)


def write_updates(updates: list[Update], root: Path) -> list[str]:
    """Rewrite the pages' stale outputs, each page once; where each is now."""
    pages: dict[Path, list[Update]] = {}
    for update in updates:
        pages.setdefault(update.item.path, []).append(update)
    written = []
    for page, page_updates in pages.items():
        lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
        offset = 0
        for update in sorted(page_updates,
                             key=lambda update: update.item.source.output.fence):
            written.append(f"{shown(page, root)}:"
                           f"{update.item.source.output.fence + offset}: "
                           f"the output of {update.item.name}")
            offset = update.apply(lines, offset)
        page.write_text("".join(lines), encoding="utf-8")
    return written


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    config.stash[WRITTEN] = write_updates(config.stash[UPDATES], config.rootpath)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    if config.getoption("update_outputs"):
        written = config.stash[WRITTEN]
        terminalreporter.write_sep(
            "=", f"expected outputs updated: {len(written)}")
        for line in written:
            terminalreporter.write_line(line)
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return
    for failed in (terminalreporter.stats.get("failed", [])
                   + terminalreporter.stats.get("error", [])):
        if isinstance(failed.longrepr, BlockFailure):
            terminalreporter.write_line(failed.longrepr.annotation(failed.nodeid))
