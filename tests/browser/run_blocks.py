"""Run copied code blocks as a reader would, in this fresh ``python`` process.

Reads a JSON list of sources on stdin and writes a JSON list of
``{"output": stdout, "error": traceback or ""}``, one per block. Each block
runs in fresh globals, as ``python block.py`` would run it, so a block that
leans on an earlier block's names fails; only the import of torch (and any
global state a block changes, such as a random seed) is shared, which saves
the ~2 s ``import torch`` per block that one process per block would cost.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback


def run(source: str) -> dict[str, str]:
    output, error = io.StringIO(), ""
    with contextlib.redirect_stdout(output):
        try:
            exec(compile(source, "<copied block>", "exec"), {"__name__": "__main__"})
        except BaseException:  # SystemExit included: the reader would see it
            error = traceback.format_exc()
    return {"output": output.getvalue(), "error": error}


if __name__ == "__main__":
    sys.stdout.write(json.dumps([run(source) for source in json.load(sys.stdin)]))
