"""The reader's copy path: on every page, the copy button of each python
block puts code on the clipboard (pressed by the site tour, tour.py) that
runs in a fresh ``python`` and prints what the page shows right after it,
in the installed torch's words (shapes/rewordings.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from browser.tour import CopiedBlock
from shapes.rewordings import as_printed_by, release

RUNNER = Path(__file__).with_name("run_blocks.py")


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
    shown = block.shown and as_printed_by(block.shown, version("torch"))
    if shown is not None and result["output"].rstrip("\n") != shown.rstrip("\n"):
        return (f"{block.where} prints\n{result['output']}"
                f"but the page shows\n{block.shown}")
    return None


def test_copied_code_runs_and_prints_what_the_page_shows(
        site_tour, torch_device: str, tmp_path: Path):
    copied = [block for visit in site_tour.values() for block in visit.copied]
    assert copied, "no page has a python block with a copy button"
    empty = [block.where for block in copied if not block.code.strip()]
    assert not empty, "the copy button copied nothing:\n" + "\n".join(empty)
    # As the docs tests do: blocks marked as needing a GPU run on cuda only.
    blocks = [block for block in copied
              if torch_device == "cuda" or not block.needs_gpu]
    problems = [problem for block, result in
                zip(blocks, run_fresh(blocks, tmp_path), strict=True)
                if (problem := mismatch(block, result))]
    assert not problems, "\n\n".join(problems)


def test_a_failing_or_different_block_is_named_with_its_code():
    block = CopiedBlock("/lessons/x/ python block 2", "print(1)\n", "2\n", False)
    assert mismatch(block, {"output": "1\n", "error": ""}) == (
        "/lessons/x/ python block 2 prints\n1\nbut the page shows\n2\n")
    assert mismatch(block, {"output": "", "error": "NameError: x"}) == (
        "/lessons/x/ python block 2 fails:\nprint(1)\n\nNameError: x")
    assert mismatch(block, {"output": "2", "error": ""}) is None


def test_a_block_that_warns_fails_even_after_the_warning_was_given(tmp_path):
    """PyTorch gives this warning once per process: the second block would
    print it in a fresh python, so it must fail here too."""
    code = ("import torch\nconv = torch.nn.Conv2d(1, 1, 2, padding='same')\n"
            "y = conv(torch.ones(1, 1, 4, 4))\n")
    blocks = [CopiedBlock(f"block {n}", code, None, False) for n in (1, 2)]
    for result in run_fresh(blocks, tmp_path):
        assert "UserWarning: Using padding='same'" in result["error"]



def test_the_page_s_newest_words_are_compared_in_the_installed_torch_s():
    shown = ("RuntimeError: addmm: mat1 and mat2 shapes cannot be multiplied "
             "(1x2 and 3x4)\n")
    block = CopiedBlock("/lessons/x/ python block 1", "", shown, False)
    installed = as_printed_by(shown, version("torch"))
    assert mismatch(block, {"output": installed, "error": ""}) is None
    older = as_printed_by(shown, "2.14")
    assert (mismatch(block, {"output": older, "error": ""}) is None) is (
        release(version("torch")) < (2, 15))
