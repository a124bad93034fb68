"""A fake HTTP server on 127.0.0.1 for the download and preflight tests.

Every request goes to a threaded ``http.server`` on 127.0.0.1 that serves bytes the tests
create and injects faults (server errors, cut-off bodies, ignored Range headers);
:func:`guard_loopback` fails any test that tries to open a connection anywhere else.
"""

from __future__ import annotations

import hashlib
import io
import socket
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from hotspots import config
from hotspots.io.download import sources

PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


@dataclass
class Site:
    """What the server serves (by path, query ignored), faults to inject, and a request log.

    ``faults[path]`` is consumed one per request: "500" answers HTTP 500, "truncate" promises
    the whole body in Content-Length, sends half of it and closes the connection.
    ``queries[path]`` makes the body from the parsed query string instead (a feature service).
    """

    base: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    queries: dict[str, Callable[[dict], bytes]] = field(default_factory=dict)
    faults: dict[str, list[str]] = field(default_factory=dict)
    honour_range: bool = True
    log: list[dict] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        site: Site = self.server.site
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        entry = {
            "path": path,
            "query": parse_qs(parts.query),
            "range": self.headers.get("Range"),
            "if_range": self.headers.get("If-Range"),
        }
        site.log.append(entry)
        fault = site.faults.get(path, [None]).pop(0) if site.faults.get(path) else None
        known = path in site.files or path in site.queries
        if (fault or "").isdigit() or not known:
            entry["status"] = int(fault) if fault else 404
            self.send_error(entry["status"])
            return
        body = site.queries[path](entry["query"]) if path in site.queries else site.files[path]
        etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
        start = 0
        wanted = entry["range"] and entry["if_range"] in (None, etag) and site.honour_range
        if wanted:
            start = int(entry["range"].removeprefix("bytes=").rstrip("-"))
        entry["status"] = 206 if wanted else 200
        self.send_response(entry["status"])
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body) - start))
        if wanted:
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        self.end_headers()
        payload = body[start:]
        self.wfile.write(payload[: len(payload) // 2] if fault == "truncate" else payload)

    def log_message(self, *args: object) -> None:
        pass


def guard_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection to an address other than 127.0.0.1; ignore proxy settings."""
    real = socket.create_connection

    def guarded(address, *args, **kwargs):
        assert address[0] == "127.0.0.1", f"a test tried to reach {address}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)
    for var in PROXY_VARS:
        monkeypatch.delenv(var, raising=False)


@contextmanager
def serving(monkeypatch: pytest.MonkeyPatch, data: Path) -> Iterator[Site]:
    """A server on 127.0.0.1 set as the base URL (``HOTSPOTS_BASE_URL``), and ``data`` as the
    data folder, for the duration of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.site = Site(base=f"http://127.0.0.1:{server.server_address[1]}")
    assert urlsplit(server.site.base).hostname == "127.0.0.1"
    monkeypatch.setenv(config.BASE_URL_ENV, server.site.base)
    monkeypatch.setenv(config.DATA_ENV, str(data))
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield server.site
    finally:
        server.shutdown()
        server.server_close()


def zip_bytes(name: str) -> bytes:
    """A small valid zip archive holding one member ``name``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(name, b"shape")
    return buffer.getvalue()


def serve_boundaries(site: Site) -> None:
    """Serve a small zip at the path of each boundary file in ``sources.BOUNDARIES``."""
    for source in sources.BOUNDARIES:
        site.files[urlsplit(sources.resolve(source.url)).path] = zip_bytes(source.name)
