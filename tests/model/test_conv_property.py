"""Random configurations: the explorer's JavaScript against real PyTorch.

Hypothesis draws batches of configurations from the explorer's domain; one
node process answers them all (a batch at a time), and every answer must
equal what PyTorch does: 0 mismatches over at least 2,000 draws.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.configurations import config
from support.node import Node
from support.torch_oracle import torch_answer

BATCH, BATCHES = 100, 25  # 2,500 draws


@pytest.fixture(scope="module")
def node() -> Iterator[Node]:
    with Node() as server:
        yield server


def explorer_answers(node: Node, batch: list[dict]) -> list[dict]:
    """What the explorer shows for each configuration: its shape, weight
    and parameter count, or PyTorch's error."""
    return [{"error": answer["error"]} if "error" in answer else
            {key: answer[key] for key in ("shape", "weight", "params")}
            for answer in node.call_each("shapes/conv.js", "explore",
                                         ([config] for config in batch))]


def pairs(low: int, high: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(low, high), min_size=2, max_size=2)


@st.composite
def configs(draw) -> dict:
    """A configuration the explorer accepts, small enough to run quickly."""
    groups = draw(st.sampled_from([1, 1, 1, 2, 3, 4, 0]))
    step = max(groups, 1)
    in_channels = step * draw(st.integers(1, 4)) + draw(st.sampled_from([0, 0, 0, 1]))
    channels = in_channels + draw(st.sampled_from([0, 0, 0, 0, 1]))
    padding = draw(st.one_of(st.sampled_from(["same", "valid"]),
                             pairs(0, 5)))
    return config(
        input=[draw(st.integers(1, 3)), channels,
               draw(st.integers(1, 32)), draw(st.integers(1, 32))],
        in_channels=in_channels,
        out_channels=(step * draw(st.integers(1, 4))
                      + draw(st.sampled_from([0, 0, 1]))),
        kernel_size=draw(pairs(1, 8)),
        stride=draw(st.one_of(st.just([1, 1]), pairs(0, 4))),
        padding=padding,
        dilation=draw(st.one_of(st.just([1, 1]), pairs(1, 6))),
        groups=groups,
        bias=draw(st.booleans()),
        padding_mode=draw(st.sampled_from(["zeros", "reflect", "replicate",
                                           "circular"])),
    )


def test_javascript_answers_what_torch_does(node):
    drawn = []

    @settings(max_examples=BATCHES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow,
                                     HealthCheck.data_too_large,
                                     HealthCheck.large_base_example])
    @given(batch=st.lists(configs(), min_size=BATCH, max_size=BATCH))
    def same_answers(batch: list[dict]) -> None:
        drawn.extend(batch)
        answers = explorer_answers(node, batch)
        mismatches = [(config, answer, torch_answer(config))
                      for config, answer in zip(batch, answers, strict=True)
                      if answer != torch_answer(config)]
        assert not mismatches, mismatches[0]

    same_answers()
    assert len(drawn) >= 2000, f"only {len(drawn)} draws compared"
