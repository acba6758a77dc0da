"""Failure reports of docs blocks that name the lines an author edits.

A report starts with those places (the snippet line that failed, the
Markdown line that includes it), then says what went wrong: the traceback
in the files' own line numbers and the exception, a syntax error as
Python shows it, or a diff of the expected output. Its ``reprcrash`` (the
summary line's message, and where a GitHub annotation points) is that
first place.
"""

from __future__ import annotations

import difflib
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from support.block_source import BlockSource, SourceLine


class OutputMismatch(Exception):
    """A block printed something else than the page shows after it."""

    def __init__(self, shown: str, printed: str) -> None:
        super().__init__("printed output differs from the expected output")
        self.shown, self.printed = shown, printed


@dataclass
class Crash:
    """Where a failure points, with its one-line message."""

    path: str
    lineno: int
    message: str

    def __str__(self) -> str:  # pytest's --tb=line
        return f"{self.path}:{self.lineno}: {self.message}"


@dataclass
class BlockFailure:
    """The report of a failed docs block, shaped as pytest's own reports
    are (``toterminal``, ``reprcrash``, ``str``), so that the terminal, the
    summary line and JUnit XML show it."""

    places: list[str]
    reprcrash: Crash
    details: Any = None  # pytest's report of the traceback, if any
    lines: list[str] = field(default_factory=list)

    def toterminal(self, tw) -> None:
        for line in self.places:
            tw.line(line, bold=True)
        tw.line()
        if self.details is not None:
            self.details.toterminal(tw)
        for line in self.lines:
            tw.line(line, red=line.startswith("E"))

    def __str__(self) -> str:
        details = [] if self.details is None else [str(self.details)]
        return "\n".join([*self.places, "", *details, *self.lines])

    def annotation(self, title: str) -> str:
        """The GitHub Actions workflow command that shows this failure on
        the line it points to."""
        return (f"::error file={_property(self.reprcrash.path)},"
                f"line={self.reprcrash.lineno},title={_property(title)}::"
                f"{_data(self.reprcrash.message.splitlines()[0])}")


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def report(block: BlockSource, excinfo: pytest.ExceptionInfo,
           config: pytest.Config, shown: Callable[[Path], str]) -> BlockFailure:
    """The failure report of ``block``; ``shown`` names a file as the
    report prints it."""
    error = excinfo.value
    if isinstance(error, OutputMismatch):
        return _mismatch(block, error, shown)
    frames = excinfo.traceback
    in_block = [index for index, entry in enumerate(frames) if _in(block, entry)]
    if (isinstance(error, SyntaxError) and not in_block and error.filename
            and (line := block.line_at(Path(error.filename), error.lineno))):
        return _syntax_error(line, error, shown)  # compiling the block
    message = excinfo.exconly(tryshort=True)
    if not in_block:  # raised around the block (a plugin's check)
        place = Crash(shown(block.page), block.fence, message)
        style = "value" if isinstance(error, pytest.fail.Exception) else "short"
        return BlockFailure([f"Markdown: {place.path}:{place.lineno}"], place,
                            excinfo.getrepr(style=style))
    line = _in(block, frames[in_block[-1]])  # the innermost line of the block
    if not config.getoption("fulltrace"):
        excinfo.traceback = frames[in_block[0]:]  # none of the plugin's frames
    tbstyle = config.getoption("tbstyle")
    details = excinfo.getrepr(
        style=tbstyle if tbstyle in ("long", "native") else "short",
        showlocals=config.getoption("showlocals"),
        tbfilter=not config.getoption("fulltrace"))
    return BlockFailure(_places(line, shown), _crash(line, shown, message),
                        details)


def _in(block: BlockSource, entry) -> SourceLine | None:
    """The block's line a traceback entry is on, if any."""
    return block.line_at(Path(entry.path), entry.lineno + 1)


def _places(line: SourceLine, shown: Callable[[Path], str]) -> list[str]:
    markdown = f"Markdown: {shown(line.markdown.path)}:{line.markdown.line}"
    if line.snippet is None:
        return [markdown]
    return [f"snippet:  {shown(line.snippet.path)}:{line.snippet.line}",
            f"{markdown} (includes {line.include})"]


def _crash(line: SourceLine, shown: Callable[[Path], str],
           message: str) -> Crash:
    place = line.snippet or line.markdown
    return Crash(shown(place.path), place.line, message)


def _syntax_error(line: SourceLine, error: SyntaxError,
                  shown: Callable[[Path], str]) -> BlockFailure:
    error = type(error)(error.msg, (shown(Path(error.filename)), error.lineno,
                                    error.offset, error.text,
                                    error.end_lineno, error.end_offset))
    lines = "".join(traceback.format_exception_only(error)).splitlines()
    return BlockFailure(_places(line, shown), _crash(line, shown, lines[-1]),
                        lines=[f"E   {text}" for text in lines])


def _mismatch(block: BlockSource, error: OutputMismatch,
              shown: Callable[[Path], str]) -> BlockFailure:
    output = block.output
    where = f"{shown(block.page)}:{output.fence}"
    places = [f"Markdown: {where} (the expected output of the block at "
              f"line {block.fence})"]
    for name in block.includes():
        lines = [line.snippet for line in block.lines
                 if line.include == name and line.snippet]
        if lines:
            places.append(f"snippet:  {shown(lines[0].path)}:{lines[0].line}"
                          f"-{lines[-1].line} ({name})")
    diff = difflib.unified_diff(
        error.shown.splitlines(), error.printed.splitlines(),
        f"shown at {where}", "printed", lineterm="")
    hint = ("" if output.body is None else
            "; pytest --update-outputs writes what it printed there")
    message = f"the block printed something else than {where} shows"
    lines = [f"E   {message}{hint}", *(f"E   {line}" for line in diff)]
    return BlockFailure(places, Crash(shown(block.page), output.fence, message),
                        lines=lines)

