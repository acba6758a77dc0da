"""What the tracer (docs/javascripts/stacktrace.js trace()) answers for a
stack, in tests/support/layer_oracle.py's format: a row per layer up to the
failing one ({shape, params}, {error}, {outside}, or None for a layer not
reached), with the receptive fields and the first Linear apart; or the
{problem} it finds in the text."""

from __future__ import annotations

from support.node import Node


def _row(row: dict) -> dict | None:
    if "shape" in row:
        return {"shape": row["shape"], "params": row["params"]}
    return next(({key: row[key]} for key in ("error", "outside") if key in row),
                None)


def traced(node: Node, stacks: list[tuple[str, str]]) -> list[dict]:
    """trace(input, stack) of each (input text, stack text), in one batch."""
    answers = []
    for answer in node.call_each("stacktrace.js", "trace", stacks):
        if "problem" in answer:
            answers.append({"problem": answer["problem"]})
            continue
        rows, failed = answer["rows"], answer["failed"]
        reached = rows[:len(rows) if failed is None else failed + 1]
        answers.append({"rows": [_row(row) for row in reached],
                        "fields": [row.get("field") for row in reached],
                        "firstLinear": answer["firstLinear"]})
    return answers
