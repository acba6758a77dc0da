"""The built site as the browser tests see it: its pages and a local server."""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

from workbench.repository import mkdocs_config


def deployed_url() -> str:
    """Where the site is published: mkdocs.yml's site_url."""
    return mkdocs_config().get("site_url") or "/"


def base_path() -> str:
    """The path the site is deployed under (``/course/``), from site_url.

    The site is served locally under the same path, so the pages that use
    absolute URLs (MkDocs' 404 page) load their assets as they do online.
    """
    path = urlparse(deployed_url()).path.strip("/")
    return f"/{path}/" if path else "/"


def page_paths(site: Path) -> list[str]:
    """Every HTML page of the built site, as a URL path relative to its root.

    Found on disk, not from a list, so pages other people add are checked too.
    """
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


def page_file(site: Path, path: str) -> Path:
    """The HTML file of the page at ``path`` (as given by ``page_paths``)."""
    return site / path if path.endswith(".html") else site / path / "index.html"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would drown pytest's output


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that moves on before a file is sent is no server error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path, root: Path, prefix: str | None = None) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (free port) under ``prefix`` (by default
    ``base_path()``).

    ``root`` is an empty folder for the link that puts the site at that path.
    Yields the site's URL.
    """
    prefix = prefix or base_path()
    directory = site
    if prefix != "/":
        link = root / prefix.strip("/")
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(site, target_is_directory=True)
        directory = root
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
