"""Run notebooks in a real Jupyter kernel (nbclient + ipykernel).

Used by the site build (solutions notebooks, errors fail the build) and by
the tests. Every failure names the notebook and the cell, with the lesson
line the cell comes from; a missing or silent kernel fails within a timeout
with a message, never hangs.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from types import TracebackType

from jupyter_core.utils import run_sync
from mkdocs.exceptions import PluginError
from nbformat import NotebookNode

STARTUP_TIMEOUT = 60  # seconds for the kernel to answer after it starts
CELL_TIMEOUT = 120  # seconds per cell; the lessons' cells take milliseconds


class NotebookError(PluginError):
    """A notebook that does not run: names the notebook and the cell."""


def cell_error(notebook: str, index: int, cell: NotebookNode,
               problem: str) -> NotebookError:
    where = cell.metadata.get("lesson_line")
    origin = f" (from {where})" if where else ""
    first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
    return NotebookError(f"{notebook}, cell {index}{origin}: {problem}\n"
                         f"  the cell starts with: {first}")


class Kernel:
    """One kernel that runs notebooks one after another.

    Starting a kernel and importing torch is the slow part (seconds), so
    callers that run many notebooks share one.
    """

    def __init__(self, kernel_name: str = "python3") -> None:
        self.kernel_name = kernel_name
        self._workdir = tempfile.TemporaryDirectory(prefix="conv2d-kernel-")

    def __enter__(self) -> Kernel:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
        from jupyter_client.manager import AsyncKernelManager

        # Only this environment's own kernel (the Python that has torch),
        # whatever kernels the machine also lists; IPC sockets in a private
        # directory: no TCP port, no warning.
        self.manager = AsyncKernelManager(
            kernel_name=self.kernel_name,
            kernel_spec_manager=KernelSpecManager(kernel_dirs=[]),
            transport="ipc", ip=str(Path(self._workdir.name) / "kernel"))
        try:
            run_sync(self.manager.start_kernel)(cwd=self._workdir.name)
        except NoSuchKernel:
            self._workdir.cleanup()
            raise NotebookError(
                f"no Jupyter kernel named {self.kernel_name!r}: notebooks run "
                "in this environment's 'python3' kernel, which ipykernel "
                "provides (make test installs it)") from None
        self.client = self.manager.client()
        self.client.start_channels()
        try:
            run_sync(self.client.wait_for_ready)(timeout=STARTUP_TIMEOUT)
        except RuntimeError as error:
            self.__exit__(None, None, None)
            raise NotebookError(f"the {self.kernel_name!r} kernel did not "
                                f"start: {error}") from None
        return self

    def __exit__(self, kind: type[BaseException] | None,
                 error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.client.stop_channels()
        run_sync(self.manager.shutdown_kernel)(now=True)
        self._workdir.cleanup()

    def run(self, notebook: NotebookNode, name: str, allow_errors: bool = False,
            timeout: int = CELL_TIMEOUT) -> NotebookNode:
        """Execute ``notebook`` (in place) top to bottom.

        With ``allow_errors`` a failing cell keeps its error as output and
        the next cells still run, as when a reader runs them all.
        """
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, CellTimeoutError

        client = NotebookClient(notebook, km=self.manager, timeout=timeout,
                                allow_errors=allow_errors, record_timing=False,
                                coalesce_streams=True)  # one output per stream
        client.kc = self.client  # share the started client, not just the kernel
        with client.setup_kernel():
            # An empty namespace, as in a fresh kernel (torch stays imported).
            # The cells' limit is not the reset's: a short one (a test's) must
            # not fail the reset on a loaded machine.
            run_sync(self.client.execute_interactive)(
                "%reset -f", store_history=False, timeout=STARTUP_TIMEOUT)
            count = 0
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type != "code":
                    continue
                count += 1
                try:
                    client.execute_cell(cell, index, execution_count=count)
                except CellTimeoutError:
                    run_sync(self.manager.interrupt_kernel)()  # free it for the next
                    raise cell_error(name, index, cell, f"no result after "
                                     f"{timeout} s") from None
                except CellExecutionError as error:
                    raise cell_error(name, index, cell, f"{error.ename}: "
                                     f"{error.evalue}") from None
        return notebook
