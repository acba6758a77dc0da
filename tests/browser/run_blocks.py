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
import warnings


def run(source: str) -> dict[str, str]:
    """Run one block; a warning it gives counts as an error: a fresh python
    would print it, and PyTorch's once-per-process warnings are asked for
    every time (torch.set_warn_always) so that no earlier block hides one."""
    output, error = io.StringIO(), ""
    with contextlib.redirect_stdout(output), warnings.catch_warnings(
            record=True, action="always") as caught:
        try:
            exec(compile(source, "<copied block>", "exec"), {"__name__": "__main__"})
        except BaseException:  # SystemExit included: the reader would see it
            error = traceback.format_exc()
    error += "".join(f"{warning.category.__name__}: {warning.message}\n"
                     for warning in caught)
    return {"output": output.getvalue(), "error": error}


def warn_always() -> None:
    """PyTorch's warnings every time, if this Python has torch."""
    try:
        import torch
    except ImportError:
        return
    torch.set_warn_always(True)


if __name__ == "__main__":
    warn_always()
    sys.stdout.write(json.dumps([run(source) for source in json.load(sys.stdin)]))
