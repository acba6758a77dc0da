"""The notation crosswalk's table reads from the other notation to
PyTorch: a row's first ``permute`` turns the layout it writes into
PyTorch's, and a ``back:`` one turns PyTorch's into it (the page's blocks
check each with torch.equal)."""

from __future__ import annotations

import re

from support.pages import DOCS

# (kh, kw, in, out), (N, L, C), (N, D, H, W, C): layouts of 3 to 5 axes
LAYOUT = re.compile(r"\((\w+(?:, \w+){2,4})\)")
PERMUTE = re.compile(r"\.permute\((\d(?:, \d){2,4})\)")


def table_rows() -> list[list[str]]:
    text = (DOCS / "crosswalk.md").read_text(encoding="utf-8")
    return [[cell.strip() for cell in line.strip("|").split("|")]
            for line in text.splitlines() if line.startswith("| ")]


def permuted(layout: tuple[str, ...], dims: str) -> tuple[str, ...]:
    return tuple(layout[int(d)] for d in dims.split(", "))


def test_each_permute_goes_the_way_its_row_reads():
    rows = [(source, writes, pytorch) for source, writes, pytorch, _ in table_rows()
            if PERMUTE.search(pytorch)]
    assert len(rows) >= 2, "the rows with a permute (layouts, weights)"
    for source, writes, pytorch in rows:
        layouts = LAYOUT.search(writes), LAYOUT.search(pytorch)
        assert all(layouts), f"{source} {writes}: name both layouts, (a, b, c, d)"
        theirs, ours = (tuple(found[1].split(", ")) for found in layouts)
        to_ours, *back = PERMUTE.findall(pytorch)
        assert permuted(theirs, to_ours) == ours, (source, writes, to_ours)
        assert back and all(permuted(ours, dims) == theirs for dims in back), (
            f"{source} {writes}: give the way back from {ours}, "
            f"'back: ...permute(...)'")


def test_a_permute_the_wrong_way_is_caught():
    theirs, ours = ("kh", "kw", "in", "out"), ("out", "in", "kh", "kw")
    assert permuted(theirs, "3, 2, 0, 1") == ours
    assert permuted(theirs, "2, 3, 1, 0") != ours
