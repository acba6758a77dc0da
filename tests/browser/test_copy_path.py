"""The reader's copy path: on every page, the copy button of each python
block puts code on the clipboard that runs in a fresh ``python`` and prints
what the page shows right after it."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from browser.built_site import page_file

pytestmark = pytest.mark.browser

RUNNER = Path(__file__).with_name("run_blocks.py")
# For each python block: the HTML comments just before it (pytest marks)
# and the text of the output block right after it, if the page shows one.
BLOCKS_JS = """() => [...document.querySelectorAll("div.language-python")]
.map(block => {
  const marks = [];
  let node = block.previousSibling;
  while (node && (node.nodeType === Node.COMMENT_NODE || !node.textContent.trim())) {
    if (node.nodeType === Node.COMMENT_NODE) marks.push(node.textContent.trim());
    node = node.previousSibling;
  }
  const next = block.nextElementSibling;
  const shown = next && next.matches('div.language-text')
    ? next.querySelector('code').textContent : null;
  return {marks, shown};
})"""


@dataclass
class CopiedBlock:
    where: str  # page and block number, for messages
    code: str
    shown: str | None  # the output the page shows after the block


def copy_blocks(page: Page, path: str) -> list[CopiedBlock]:
    """Press every python block's copy button and read the clipboard."""
    # Solutions sit in collapsed <details>: open them, as a reader would.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    copied = []
    for number, info in enumerate(page.evaluate(BLOCKS_JS), start=1):
        where = f"/{path} python block {number}"
        if "pytest.mark.gpu" in info["marks"] and not cuda_available():
            continue  # the page marks it as needing a GPU
        page.evaluate("navigator.clipboard.writeText('')")
        block = page.locator("div.language-python").nth(number - 1)
        block.locator("button.md-code__button[data-md-type=copy]").click()
        code = page.evaluate("navigator.clipboard.readText()")
        assert code.strip(), f"{where}: the copy button copied nothing"
        copied.append(CopiedBlock(where, code, info["shown"]))
    return copied


def cuda_available() -> bool:
    import torch  # only for pages that mark a block as needing a GPU

    return torch.cuda.is_available()


def run_fresh(blocks: list[CopiedBlock], workdir: Path) -> list[dict[str, str]]:
    """Run the blocks in one new python process (see run_blocks.py)."""
    done = subprocess.run([sys.executable, str(RUNNER)], cwd=workdir,
                          input=json.dumps([block.code for block in blocks]),
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"the block runner failed:\n{done.stderr}"
    return json.loads(done.stdout)


def mismatch(block: CopiedBlock, result: dict[str, str]) -> str | None:
    """What is wrong with a block's run, if anything."""
    if result["error"]:
        return f"{block.where} fails:\n{block.code}\n{result['error']}"
    if block.shown is not None \
            and result["output"].rstrip("\n") != block.shown.rstrip("\n"):
        return (f"{block.where} prints\n{result['output']}"
                f"but the page shows\n{block.shown}")
    return None


def test_copied_code_runs_and_prints_what_the_page_shows(
        chromium: Browser, site_url: str, site_dir: Path,
        site_page_paths: list[str], tmp_path: Path):
    context = chromium.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    blocks = []
    for path in site_page_paths:
        if "language-python" not in page_file(site_dir, path).read_text():
            continue  # no code block (notebook cells have no copy button)
        page.goto(site_url + path, wait_until="load")
        blocks += copy_blocks(page, path)
    context.close()
    assert blocks, "no page has a python block with a copy button"
    problems = [problem for block, result in
                zip(blocks, run_fresh(blocks, tmp_path), strict=True)
                if (problem := mismatch(block, result))]
    assert not problems, "\n\n".join(problems)


def test_a_failing_or_different_block_is_named_with_its_code():
    block = CopiedBlock("/lessons/x/ python block 2", "print(1)\n", "2\n")
    assert mismatch(block, {"output": "1\n", "error": ""}) == (
        "/lessons/x/ python block 2 prints\n1\nbut the page shows\n2\n")
    assert mismatch(block, {"output": "", "error": "NameError: x"}) == (
        "/lessons/x/ python block 2 fails:\nprint(1)\n\nNameError: x")
    assert mismatch(block, {"output": "2", "error": ""}) is None
