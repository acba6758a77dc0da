"""A built page as a reader sees it: its Python code blocks and its text.

Read with the standard library's HTML parser from the HTML MkDocs wrote:
pymdownx.highlight marks a python fence's block ``language-python``
(``pygments_lang_class`` in mkdocs.yml), and what the browser shows of a
page is its text outside scripts, styles and comments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.structure.files import File

from support.pages import DOCS
from workbench.repository import mkdocs_config

HIDDEN = {"script", "style", "template"}  # their text is never shown
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}  # no end tag: never on the stack
PYTHON = "language-python"


@dataclass
class RenderedPage:
    python_blocks: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # the shown text, in pieces

    @property
    def lines(self) -> list[str]:
        return "".join(self.text).splitlines()


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = RenderedPage()
        self.open: list[tuple[str, bool]] = []  # (tag, starts a python block)
        self.hidden = 0  # how many of the open elements hide their text
        self.code: list[str] | None = None  # a python block's code, being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        self.open.append((tag, PYTHON in classes))
        self.hidden += tag in HIDDEN
        if tag == "code" and self.code is None and any(
                python for _, python in self.open):
            self.code = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "code" and self.code is not None:
            self.page.python_blocks.append("".join(self.code))
            self.code = None
        if tag not in {open_tag for open_tag, _ in self.open}:
            return  # a stray end tag
        while self.open:  # an element the HTML left open ends with its parent
            closed, _ = self.open.pop()
            self.hidden -= closed in HIDDEN
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        self.page.text.append(data)
        if self.code is not None:
            self.code.append(data)


def read(html: Path) -> RenderedPage:
    reader = _Reader()
    reader.feed(html.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


def built_file(page: Path, site: Path) -> Path:
    """The HTML file MkDocs writes for the Markdown ``page`` of docs/."""
    use_directory_urls = mkdocs_config().get("use_directory_urls", True)
    file = File(page.relative_to(DOCS).as_posix(), str(DOCS), str(site),
                use_directory_urls)
    return Path(file.abs_dest_path)
