"""A node script of tests/widgets/ that answers each JSON line it reads with one
JSON line: one process for a whole property test, asked a batch at a time."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class NodeServer:
    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process

    def ask(self, batch: list[dict]) -> list[dict]:
        self.process.stdin.write(json.dumps(batch) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())


@contextmanager
def node_server(script: Path) -> Iterator[NodeServer]:
    process = subprocess.Popen(["node", str(script)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    try:
        yield NodeServer(process)
    finally:
        process.stdin.close()
        process.wait(timeout=10)
