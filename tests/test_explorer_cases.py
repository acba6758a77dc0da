"""shapes/conv.py and the stored PyTorch answers of tests/cases/.

The same file checks the explorer's JavaScript (tests/js/, run by
test_explorer_js.py), so Python, JavaScript and PyTorch agree case by case.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from shapes.conv import TorchError, explore
from support.torch_oracle import torch_answer

CASES = json.loads((Path(__file__).parent / "cases" / "conv2d.json").read_text())


def python_answer(config: dict) -> dict:
    """shapes.conv.explore's answer, in torch_oracle's format."""
    arguments = {**config, "input_shape": tuple(config["input"])}
    del arguments["input"]
    try:
        result = explore(**arguments)
    except TorchError as error:
        return {"error": {"type": error.kind, "message": str(error)}}
    return {key: result[key] for key in ("shape", "weight", "params")}


def test_convshape_matches_every_stored_case():
    mismatches = [(case["config"], case["torch"])
                  for case in CASES["cases"]
                  if python_answer(case["config"]) != case["torch"]]
    assert not mismatches, f"{len(mismatches)} differ, first: {mismatches[:2]}"


def test_stored_cases_are_what_this_torch_says():
    """After a PyTorch upgrade: rerun tests/cases/generate.py."""
    stale = [case["config"] for case in CASES["cases"]
             if torch_answer(case["config"]) != case["torch"]]
    assert not stale, (f"{len(stale)} cases differ under torch "
                       f"{torch.__version__} (stored: {CASES['torch_version']}); "
                       f"first: {stale[:2]}")


EDGES = {
    "1x1 input": lambda c: c["input"][2:] == [1, 1],
    "even kernel with same": lambda c: c["padding"] == "same"
    and c["kernel_size"][0] % 2 == 0,
    "dilation >= 10": lambda c: max(c["dilation"]) >= 10,
    "groups = channels": lambda c: c["groups"] == c["in_channels"] > 1,
}


@pytest.mark.parametrize("edge", EDGES)
def test_cases_include_the_edge_cases(edge):
    count = sum(map(EDGES[edge], (case["config"] for case in CASES["cases"])))
    assert count >= 10, f"only {count} cases with {edge}"


def test_cases_hold_hundreds_of_accepted_and_rejected_settings():
    rejected = sum("error" in case["torch"] for case in CASES["cases"])
    accepted = len(CASES["cases"]) - rejected
    assert rejected >= 200 and accepted >= 200, (rejected, accepted)
