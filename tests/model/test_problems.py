"""The practice page's problems (docs/javascripts/problems.js) against
PyTorch: for 500 seeds, the solution code runs and prints what the page
says it prints, and its answer is the only one (a padding or stride one
larger or smaller gives another shape; an in_features one larger or
smaller makes PyTorch raise)."""

from __future__ import annotations

import contextlib
import io
import json
import warnings

import pytest
import torch
from torch import nn

from support.node import call_each

SEEDS = 500


def problems() -> list[dict]:
    """The problem of each seed, drawn by one node process."""
    return call_each("problems.js", "draw", ([seed] for seed in range(SEEDS)))


def printed_by(code: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), torch.no_grad(), \
            warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(compile(code, "<solution>", "exec"), {"__name__": "__main__"})
    return out.getvalue().strip()


def height(v: dict, **change: int) -> int | None:
    """The output height of the problem's layer with one argument changed,
    in PyTorch; None where PyTorch refuses it."""
    v = {**v, **change}
    if v["s"] < 1 or v["p"] < 0:
        return None
    conv = nn.Conv2d(1, 1, v["k"], stride=v["s"], padding=v["p"],
                     dilation=v.get("d", 1))
    try:
        with torch.no_grad():
            return conv(torch.zeros(1, 1, v["h"], v["w"])).shape[-2]
    except RuntimeError:
        return None


def test_500_seeds_state_what_pytorch_prints():
    drawn = problems()
    assert len(drawn) == SEEDS
    assert {p["kind"] for p in drawn} == {"output", "padding", "stride",
                                          "linear", "pool"}
    wrong = [(p["seed"], p["printed"], printed)
             for p in drawn if (printed := printed_by(p["solution"])) != p["printed"]]
    assert not wrong, f"{len(wrong)} differ, first: {wrong[0]}"
    for p in drawn:
        printed = json.loads(p["printed"].removeprefix("torch.Size(")[:-1])
        if p["kind"] in ("output", "pool"):
            assert printed == p["answer"], p["seed"]
        elif p["kind"] == "linear":  # the Linear takes the answer: (N, 10)
            assert printed == [p["v"]["n"], 10], p["seed"]
        else:
            assert printed[-2:] == [p["target"]] * 2, p["seed"]


def test_a_missing_argument_has_exactly_one_answer():
    for p in problems():
        if p["kind"] == "linear":
            answer = f"nn.Linear({p['answer'][0]}, 10)"
            for step in (-1, 1):
                wrong = f"nn.Linear({p['answer'][0] + step}, 10)"
                with pytest.raises(RuntimeError, match="cannot be multiplied"):
                    printed_by(p["solution"].replace(answer, wrong))
        if p["kind"] not in ("padding", "stride"):
            continue
        key = {"padding": "p", "stride": "s"}[p["kind"]]
        answer = p["answer"][0]
        assert p["v"][key] == answer
        neighbours = [height(p["v"], **{key: answer + step}) for step in (-1, 1)]
        assert p["target"] not in neighbours, p
