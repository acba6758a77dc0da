"""pytest plugin: collect the lessons' code blocks the way readers see them.

pytest-codeblocks does not expand ``--8<--`` includes, so each page of
docs/ is expanded here first (with MkDocs' own snippet settings) and the
expanded text is handed to pytest-codeblocks' extractor and runner.

A plugin, not tests/conftest.py: a conftest's collection hooks only see
paths below its own folder, and docs/ is beside tests/, not under it.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pytest_codeblocks.main import extract_from_buffer
from pytest_codeblocks.plugin import TestBlock

from course.includes import expand
from support.pages import DOCS, relative


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix == ".md" and DOCS in file_path.parents:
        return ExpandedMarkdown.from_parent(parent, path=file_path)
    return None


class ExpandedMarkdown(pytest.File):
    """A docs page whose python blocks run after include expansion."""

    def collect(self):
        lines = expand(self.path.read_text(encoding="utf-8"),
                       relative(self.path))
        text = "".join(line + "\n" for _, line in lines)
        for block in extract_from_buffer(io.StringIO(text)):
            if block.syntax != "python":
                continue  # test_contracts.py forbids untested languages
            source_line = lines[block.lineno - 1][0]
            item = TestBlock.from_parent(self, name=f"line {source_line}",
                                         obj=block)
            for mark in block.marks:
                item.add_marker(eval(mark, {"pytest": pytest}))
            yield item
