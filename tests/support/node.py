"""The functions of docs/javascripts' modules, called from Python in node.

``call_each("shapes/conv.js", "explore", [[config], ...])`` gives what
``explore(config)`` returns for each configuration, as JSON, from one node
process for the whole batch. A test asking several batches keeps one
process for all of them with ``with Node() as node: node.call_each(...)``.
A call that throws (or a module that does not load) raises NodeFailed with
the call and the JavaScript stack.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

BRIDGE = Path(__file__).with_name("node_bridge.mjs")


class NodeFailed(AssertionError):
    """A JavaScript call threw, or node itself failed (the message says)."""


class Node:
    """One node process answering batches of calls, until closed."""

    def __init__(self) -> None:
        if not shutil.which("node"):
            raise NodeFailed("node is missing: the JavaScript tests need Node.js")
        self.process = subprocess.Popen(
            ["node", str(BRIDGE)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)

    def ask(self, calls: list[list]) -> list:
        """Each call's answer: a call is [module, name, args or None]."""
        try:
            self.process.stdin.write(json.dumps(calls) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            pass  # node is gone: its stderr says why, below
        line = self.process.stdout.readline()
        if not line:
            self.close()
            raise NodeFailed(f"node exited ({self.process.returncode}):\n"
                             + self.process.stderr.read())
        reply = json.loads(line)
        if "failed" in reply:
            module, name, args = reply["failed"]
            called = f"{name}({json.dumps(args)[1:-1]})" if args is not None \
                else name or "import"
            raise NodeFailed(f"{module}: {called} threw:\n{reply['stack']}")
        return reply["answers"]

    def call_each(self, module: str, function: str,
                  arguments: Iterable[Sequence]) -> list:
        """``function(*args)`` of docs/javascripts/``module`` for each args."""
        return self.ask([[module, function, list(args)] for args in arguments])

    def close(self) -> None:
        if self.process.stdin and not self.process.stdin.closed:
            self.process.stdin.close()
        self.process.wait(timeout=60)
        self.process.stdout.close()
        self.process.stderr.close()

    def __enter__(self) -> Node:
        return self

    def __exit__(self, kind: type[BaseException] | None,
                 error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()


def call_each(module: str, function: str, arguments: Iterable[Sequence]) -> list:
    """``function(*args)`` of docs/javascripts/``module`` for each args,
    in one node process."""
    with Node() as node:
        return node.call_each(module, function, arguments)


def value(module: str, name: str) -> Any:
    """What docs/javascripts/``module`` exports as ``name`` (a constant)."""
    with Node() as node:
        return node.ask([[module, name, None]])[0]


def exports(modules: Iterable[str]) -> list[dict[str, str]]:
    """Each module's exports by name, with their kind: "function", "class"
    (a JavaScript class) or "value"."""
    with Node() as node:
        return node.ask([[module, None, None] for module in modules])
