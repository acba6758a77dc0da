"""The explorer's red cells (shapes/conv.js unseenCells): exactly the input
rows and columns no output depends on, as PyTorch's gradients say, for
every accepted case of tests/cases/conv2d.json and two worked examples;
and the 2-D picture's rule built on them: a cell is red when its row or its
column is."""

from __future__ import annotations

import json
from pathlib import Path

from support.node import Node
from support.torch_oracle import unseen_cells
from support.window_oracle import unseen_grid

ROOT = Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "tests" / "cases" / "conv2d.json").read_text())
CONV = "shapes/conv.js"


def config(size: list[int], kernel: list[int], stride: list[int],
           dilation: list[int], mode: str = "zeros") -> dict:
    return {"input": [1, 1, *size], "in_channels": 1, "out_channels": 1,
            "kernel_size": kernel, "stride": stride, "padding": [0, 0],
            "dilation": dilation, "groups": 1, "bias": True,
            "padding_mode": mode}


def javascript_unseen(configs: list[dict]) -> list[list[list[int]]]:
    """Each config's unseen [rows, columns] by shapes/conv.js."""
    with Node() as node:
        axes = [answer["axes"] for answer in
                node.call_each(CONV, "explore", ([c] for c in configs))]
        unseen = iter(node.call_each(CONV, "unseenCells", (
            [axis, c["padding_mode"]] for c, pair in zip(configs, axes, strict=True)
            for axis in pair)))
    return [[next(unseen) for _ in pair] for pair in axes]


def test_the_worked_examples():
    """H=8, k=1, s=2: rows 1, 3, 5, 7; W=10, k=2, d=3, s=4: 1, 2, 5, 6, 8, 9."""
    example = config([8, 10], [1, 2], [2, 4], [1, 3])
    expected = [[1, 3, 5, 7], [1, 2, 5, 6, 8, 9]]
    assert unseen_cells(example) == expected
    assert javascript_unseen([example]) == [expected]


def test_unseen_cells_are_where_torch_s_gradient_is_zero():
    accepted = [case["config"] for case in CASES["cases"]
                if "shape" in case["torch"]]
    assert len(accepted) >= 200
    by_torch = [unseen_cells(config) for config in accepted]  # once each
    mismatches = [(config, answer, torch)
                  for config, answer, torch in zip(accepted,
                                                   javascript_unseen(accepted),
                                                   by_torch, strict=True)
                  if answer != torch]
    assert not mismatches, f"{len(mismatches)} differ, first: {mismatches[0]}"
    assert sum(any(torch) for torch in by_torch) >= 20  # not all trivial


def test_a_cell_is_unseen_when_its_row_or_its_column_is():
    """The grid's rule (explorer-grid.js) against the 2-D gradient, on the
    accepted cases up to 24 cells a side."""
    small = [config for config in (case["config"] for case in CASES["cases"]
                                   if "shape" in case["torch"])
             if max(config["input"][2:]) <= 24]
    assert len(small) >= 200
    wrong = []
    for config, (rows, columns) in zip(small, javascript_unseen(small),
                                       strict=True):
        height, width = config["input"][2:]
        rule = {(r, c) for r in range(height) for c in range(width)
                if r in rows or c in columns}
        if rule != unseen_grid(config):
            wrong.append(config)
    assert not wrong, f"{len(wrong)} differ, first: {wrong[0]}"
