"""Where each line of a docs page's python block comes from, and the block
compiled so that its frames carry those files and lines.

A line a page includes (``--8<-- "padding.py:valid"``) has two places: the
snippet line it was read from and the Markdown line of the include; a line
written in the page has only its Markdown line. Compiled with them, a
failing block's traceback and the report name the files an author edits,
never ``<string>`` or a line of the expanded page.
"""

from __future__ import annotations

import ast
import io
import itertools
import linecache
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import CodeType

from pytest_codeblocks.main import CodeBlock, extract_from_buffer

from course.markdown.includes import SECTION_MARKER, expand, sections
from course.markdown.structure import INCLUDE
from support.pages import EXPECTED_OUTPUT


@dataclass(frozen=True)
class Place:
    path: Path
    line: int
    shift: int = 0  # columns the block's text lacks there (indentation)


@dataclass(frozen=True)
class SourceLine:
    text: str  # as the block runs it
    markdown: Place  # for an included line: the include
    snippet: Place | None = None  # the snippet line it was read from
    include: str | None = None  # "padding.py:valid"


@dataclass(frozen=True)
class ExpectedOutput:
    """The ``text`` block after ``<!--pytest-codeblocks:expected-output-->``."""

    fence: int  # its Markdown line
    body: range | None  # the Markdown lines it shows; None: not one run
    indent: str


@dataclass(frozen=True)
class BlockSource:
    page: Path
    fence: int  # the Markdown line of the opening fence
    lines: tuple[SourceLine, ...]
    output: ExpectedOutput | None

    @property
    def code(self) -> str:
        return "".join(line.text + "\n" for line in self.lines)

    def includes(self) -> list[str]:
        return list(dict.fromkeys(line.include for line in self.lines
                                  if line.include))

    def line_at(self, path: Path, line: int) -> SourceLine | None:
        """The block's line that ``path:line`` shows, if any."""
        for source in self.lines:
            if Place(path, line) in {_bare(source.snippet), _bare(source.markdown)}:
                return source
        return None

    def compile(self, rewrite: Callable[[ast.Module, str], None] | None = None
                ) -> list[CodeType]:
        """The block as code objects to run one after the other in one
        namespace: a run of statements from one file each, named and
        numbered as that file (a statement mixing files, as the page's)."""
        try:
            tree = ast.parse(self.code)
        except SyntaxError as error:
            raise self._located(error) from None
        codes = []
        for (path, snippet), statements in itertools.groupby(
                tree.body, key=self._file_of):
            module = ast.Module(list(statements), type_ignores=[])
            if rewrite is not None:
                rewrite(module, self.code)
            places = [line.snippet if snippet else line.markdown
                      for line in self.lines]
            # Each node once: the assertion rewriter shares some.
            for node in {id(node): node for node in ast.walk(module)}.values():
                _relocate(node, places)
            codes.append(compile(module, str(path), "exec", dont_inherit=True))
        return codes

    def _file_of(self, statement: ast.stmt) -> tuple[Path, bool]:
        """The file a statement compiles as: the snippet its lines all come
        from through one include, else the page; and whether a snippet."""
        numbers = [node.lineno for node in ast.walk(statement)
                   if hasattr(node, "lineno")]  # decorators start before
        lines = self.lines[min(numbers) - 1:statement.end_lineno]
        first = lines[0]
        if first.snippet and all(line.snippet and line.markdown == first.markdown
                                 for line in lines):
            return first.snippet.path, True
        return self.page, False

    def _located(self, error: SyntaxError) -> SyntaxError:
        """``error`` (in the block's numbering) at the file line it is on."""
        index = min(max(error.lineno or 1, 1), len(self.lines)) - 1
        place = self.lines[index].snippet or self.lines[index].markdown
        offset = error.offset and error.offset + place.shift
        end = None
        if error.end_lineno == error.lineno and error.end_offset:
            end = error.end_offset + place.shift
        text = linecache.getline(str(place.path), place.line)
        return type(error)(error.msg, (str(place.path), place.line, offset,
                                       text, place.line, end))


def _bare(place: Place | None) -> Place | None:
    return place and Place(place.path, place.line)


def _relocate(node: ast.AST, places: list[Place]) -> None:
    """Renumber ``node`` from the block's lines to its file's."""
    if getattr(node, "lineno", None) is None:
        return
    start = places[node.lineno - 1]
    end = places[(node.end_lineno or node.lineno) - 1]
    node.lineno, node.end_lineno = start.line, end.line
    node.col_offset += start.shift
    if node.end_col_offset is not None:
        node.end_col_offset += end.shift


def page_blocks(page: Path, source: str, options: dict
                ) -> Iterator[tuple[CodeBlock, BlockSource]]:
    """Each python block of ``page`` (named ``source`` in errors), as
    pytest-codeblocks reads the expanded page, with its lines' places."""
    raw = page.read_text(encoding="utf-8").splitlines()
    expanded = expand("\n".join(raw), source, options)
    text = "".join(line + "\n" for _, line in expanded)
    for block in extract_from_buffer(io.StringIO(text)):
        if block.syntax != "python":
            continue  # test_contracts.py forbids untested languages
        fence = block.lineno - 1  # its index in ``expanded``
        codes = block.code.splitlines()
        body = expanded[fence + 1:fence + 1 + len(codes)]
        closing = fence + 1 + len(codes)
        if closing >= len(expanded) or "```" not in expanded[closing][1]:
            raise ValueError(f"{source}:{expanded[fence][0]}: a python block "
                             "continued elsewhere (pytest-codeblocks:cont) "
                             "is not supported")
        lines = _source_lines(page, raw, body, codes, options["base_path"])
        yield block, BlockSource(page, expanded[fence][0], lines,
                                 _output(block, expanded, closing, raw))


def _source_lines(page: Path, raw: list[str], body: list[tuple[int, str]],
                  codes: list[str], base_paths: list[str]
                  ) -> tuple[SourceLine, ...]:
    lines = []
    for number, group in itertools.groupby(zip(body, codes, strict=True),
                                           key=lambda pair: pair[0][0]):
        texts = [code for _, code in group]
        include = INCLUDE.search(raw[number - 1])
        if include is None:
            shift = len(raw[number - 1]) - len(texts[0])
            lines += [SourceLine(text, Place(page, number, shift))
                      for text in texts]
            continue
        name = f"{include['file']}:{include['section']}"
        snippets = _snippet_places(include["file"], include["section"],
                                   texts, base_paths)
        lines += [SourceLine(text, Place(page, number), snippet, name)
                  for text, snippet in zip(texts, snippets, strict=True)]
    return tuple(lines)


def _snippet_places(file: str, section: str, texts: list[str],
                    base_paths: list[str]) -> list[Place | None]:
    """The snippet line of each included line; None for every line when
    they do not match the file line for line."""
    unknown = [None] * len(texts)
    path = snippet_path(file, base_paths)
    if path is None:
        return unknown
    numbers = section_lines(path, section)
    file_lines = path.read_text(encoding="utf-8").splitlines()
    written = [file_lines[number - 1] for number in numbers]
    if [line.strip() for line in written] != [text.strip() for text in texts]:
        return unknown
    return [Place(path, number, len(line) - len(text))
            for number, line, text in zip(numbers, written, texts, strict=True)]


def snippet_path(file: str, base_paths: list[str]) -> Path | None:
    """The file an include names, in the first folder that has it."""
    return next((Path(base) / file for base in base_paths
                 if (Path(base) / file).is_file()), None)


def _output(block: CodeBlock, expanded: list[tuple[int, str]], closing: int,
            raw: list[str]) -> ExpectedOutput | None:
    """Where the expected output of the block that closes at ``closing``
    is shown, as pytest-codeblocks finds it: the next fence after the
    marker. Its body can be rewritten if the page shows it line for line."""
    if block.expected_output is None:
        return None
    index = next(index for index in range(closing + 1, len(expanded))
                 if EXPECTED_OUTPUT in expanded[index][1])
    fence = next(index for index in range(index + 1, len(expanded))
                 if expanded[index][1].lstrip().startswith("```"))
    number, text = expanded[fence]
    shown = [line for line, _ in
             expanded[fence + 1:fence + 1 + len(block.expected_output.splitlines())]]
    body = range(number + 1, number + 1 + len(shown))
    as_written = shown == list(body) and not any(
        INCLUDE.search(raw[line - 1]) for line in body)
    return ExpectedOutput(number, body if as_written else None,
                          text[:len(text) - len(text.lstrip())])


def section_lines(path: Path, name: str) -> list[int]:
    """The lines of ``path`` an include of section ``name`` is made of:
    those between its markers, less the markers of sections inside it
    (pymdownx.snippets drops those)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    numbers = []
    for number in range(sections(path)[name] + 1, len(lines) + 1):
        marker = SECTION_MARKER.search(lines[number - 1])
        if marker is None:
            numbers.append(number)
        elif marker["kind"] == "end" and marker["name"] == name:
            break
    return numbers
