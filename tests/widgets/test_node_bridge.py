"""The one way the tests call JavaScript (tests/support/node.py): a batch
of calls answered in order by one node process, a module's exports by
kind, and a call that throws shown with its JavaScript stack."""

from __future__ import annotations

import pytest

from support.node import Node, NodeFailed, call_each, exports, value


def test_a_batch_is_answered_in_order_by_one_process():
    with Node() as node:
        first = node.call_each("shapes/conv.js", "samePadding",
                               [[3], [5, 2], [4]])
        process = node.process.pid
        assert node.call_each("shapes/conv.js", "samePadding", [[1]]) == [[0, 0]]
        assert node.process.pid == process
    assert first == call_each("shapes/conv.js", "samePadding", [[3], [5, 2], [4]])
    assert first == [[1, 1], [4, 4], [1, 2]]


def test_exports_and_values():
    [kinds] = exports(["shapes/conv.js"])
    assert kinds["explore"] == "function"
    assert kinds["PADDING_MODES"] == "value"
    assert "class" in exports(["shapes/domain.js"])[0].values()
    assert value("shapes/conv.js", "PADDING_MODES")[0] == "zeros"


def test_a_call_that_throws_shows_the_call_and_the_javascript_stack():
    with pytest.raises(NodeFailed) as failed:
        call_each("shapes/conv.js", "unseenCells",
                  [[{"size": 4}, "zeros"], [None, "zeros"]])
    message = str(failed.value)
    assert message.startswith(
        'shapes/conv.js: unseenCells(null, "zeros") threw:\nTypeError')
    assert "docs/javascripts/shapes/conv.js:" in message  # the stack's frame


@pytest.mark.parametrize("module, function, says", [
    ("shapes/nothing.js", "explore", "Cannot find module"),
    ("shapes/conv.js", "nothing", "shapes/conv.js exports no nothing"),
])
def test_a_missing_module_or_function_is_named(module, function, says):
    with pytest.raises(NodeFailed, match=says):
        call_each(module, function, [[]])
