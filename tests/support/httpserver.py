"""A real HTTP server on 127.0.0.1 for tests, with scriptable misbehaviour.

Tests register routes (``server.page("/a", body, content_type=...)``,
``server.redirect("/r", "/a")``, or any callable taking the request handler)
and load ``server.url("/a")`` through the real loader. Slow routes wait on an
event that the fixture sets at teardown, so no thread outlives its test.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


class TestServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []  # the paths asked for, in order
        self.stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                server.requests.append(self.path)
                route = server.routes.get(self.path.split("?", 1)[0])
                if route is None:
                    server.send(self, 404, b"<h1>Not found</h1>", "text/html")
                    return
                # The client may hang up early: several tests intend it.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    route(self)

            def log_message(self, *args: object) -> None:
                pass

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address) -> None:
                pass  # a client that hangs up early is part of several tests

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    @staticmethod
    def send(
        h: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        h.send_response(status)
        if content_type is not None:
            h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(body)

    def page(
        self,
        path: str,
        body: bytes,
        content_type: str | None = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> str:
        self.routes[path] = lambda h: self.send(h, status, body, content_type, headers)
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        self.routes[path] = lambda h: self.send(h, status, b"", None, {"Location": location})
        return self.url(path)

    def handler(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def drip(
        self, path: str, *, every: float, length: int, first: bytes = b"", step: int = 1
    ) -> str:
        """A route that promises ``length`` bytes and sends ``step`` every ``every`` s."""
        return self.handler(
            path, dripping(self.stopping, every=every, length=length, first=first, step=step)
        )

    def start(self) -> TestServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def reset_mid_body(h: BaseHTTPRequestHandler) -> None:
    """A route that promises 100 kB, sends 1 kB, then resets the connection."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    h.wfile.write(b"<p>" + b"a" * 1000)
    h.wfile.flush()
    # SO_LINGER 0: close() sends a TCP reset instead of a clean end.
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.wfile.close()
    h.rfile.close()
    h.connection.close()


def huge_headers(body: bytes = b"<p>x</p>"):
    """A route whose answer carries a 200 kB header line."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("X-Padding", "p" * 200_000)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    return route


def dripping(
    stopping: threading.Event, *, every: float, length: int, first: bytes = b"", step: int = 1
):
    """A route that promises ``length`` bytes, sends ``first``, then ``step``
    bytes every ``every`` seconds until done or ``stopping`` is set (at
    teardown). ``step`` 1 is a drip; a larger one a slow but steady page."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(length))
        h.end_headers()
        h.wfile.write(first)
        h.wfile.flush()
        left = length - len(first)
        while left > 0:
            if stopping.wait(every):
                return
            n = min(step, left)
            h.wfile.write(b"a" * n)
            h.wfile.flush()
            left -= n

    return route


def file_route(
    data: bytes,
    *,
    cut_after: int | None = None,
    stall_after: int | None = None,
    every: float = 0.0,
    piece: int = 64 * 1024,
    stopping: threading.Event | None = None,
):
    """A route serving ``data`` (a voice file) as application/octet-stream.

    ``cut_after``: the server dies after that many bytes (closes the
    connection short of the promised Content-Length). ``stall_after``: it
    sends nothing more after that many bytes, until ``stopping``. ``every``:
    a pause between pieces of ``piece`` bytes (a slow mirror), ended early by
    ``stopping`` (the fixture sets it at teardown).
    """

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/octet-stream")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        end = len(data) if cut_after is None else cut_after
        end = end if stall_after is None else stall_after
        view = memoryview(data)
        for start in range(0, end, piece):
            h.wfile.write(view[start : min(start + piece, end)])
            h.wfile.flush()
            if every and stopping is not None and stopping.wait(every):
                return
        if stall_after is not None and stopping is not None:
            stopping.wait()
            return
        if cut_after is not None:
            h.connection.shutdown(socket.SHUT_RDWR)
            h.close_connection = True

    return route
