"""Fixtures: the real `assay serve` on a free loopback port, and a tiny scriptable HTTP front for retry tests.

Environment:
    ASSAY_BIN    the server binary (default: the repository's .build/debug/assay, else .build/release/assay)
    ASSAY_RULES  the rules directory (default: the repository's rules/, ../../../rules from this file)
"""

from __future__ import annotations

import http.client
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # import assay_client without installing it

PORTS = range(18500, 18600)
MAX_COMPLETION_BYTES = 4096  # items longer than this come back with status "limit"
_used_ports: set = set()


def free_port() -> int:
    """A port in 18500–18599 nothing listens on (and this session has not handed out)."""
    for port in PORTS:
        if port in _used_ports:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        _used_ports.add(port)
        return port
    raise RuntimeError("no free port in 18500-18599")


@pytest.fixture(scope="session")
def server_url():
    root = Path(__file__).resolve().parents[3]
    binary = os.environ.get("ASSAY_BIN") or next(
        (str(p) for p in [root / ".build/debug/assay", root / ".build/release/assay"] if p.exists()), str(root / ".build/debug/assay"))
    rules = os.environ.get("ASSAY_RULES", str((Path(__file__).resolve().parent / "../../../rules").resolve()))
    if not os.access(binary, os.X_OK):
        pytest.fail(f"server binary {binary} not found or not executable (set ASSAY_BIN)")
    if not os.path.isdir(rules):
        pytest.fail(f"rules directory {rules} not found (set ASSAY_RULES)")
    last_output = ""
    for _ in range(5):
        port = free_port()
        proc = subprocess.Popen(
            [binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--rules", rules, "--no-cache",
             "--threads", "4", "--max-completion-bytes", str(MAX_COMPLETION_BYTES)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=1) as r:
                    if json.load(r).get("status") == "ok":
                        break
            except OSError:
                time.sleep(0.05)
        if proc.poll() is None:
            try:
                yield url
            finally:
                proc.terminate()
                try:
                    # assay 0.1.0 takes ~30 s to exit after SIGTERM once it has served a POST (it waits out
                    # idle connections); with --no-cache there is nothing to flush, so do not wait that long.
                    proc.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            return
        last_output = proc.stdout.read() if proc.stdout else ""
    pytest.fail(f"assay serve did not start: {last_output}")


class Front:
    """An HTTP server on loopback that answers from a script, then proxies to the real server.

    ``script`` entries are consumed one per request: an int status (answered with an Assay-style JSON error),
    a (status, headers, body) tuple, or "drop" (close the connection without answering). When the script is
    empty, requests are forwarded to ``upstream`` (or answered 503 when there is none). Every request's path,
    headers and parsed JSON body are recorded in ``requests``.
    """

    def __init__(self, upstream: Optional[str], script: Optional[List[Any]] = None) -> None:
        self.upstream = upstream
        self.script: List[Any] = list(script or [])
        self.requests: List[Dict[str, Any]] = []
        self.lock = threading.Lock()
        front = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with front.lock:
                    front.requests.append({"method": self.command, "path": self.path,
                                           "headers": dict(self.headers),
                                           "json": json.loads(body) if body else None})
                    step = front.script.pop(0) if front.script else None
                if step == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if isinstance(step, int):
                    step = (step, {}, json.dumps({"error": {"status": step, "code": "scripted",
                                                            "field": "(body)", "message": f"scripted {step}"}}))
                if step is None and front.upstream is None:
                    step = (503, {}, '{"error":{"status":503,"code":"no_upstream","field":"(body)",'
                                     '"message":"down"}}')
                if step is not None:
                    status, headers, text = step
                    data = text.encode()
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                    return
                host, port = front.upstream.split("//")[1].split(":")
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
                conn.request(self.command, self.path, body=body or None,
                             headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                data = resp.read()
                conn.close()
                self.send_response(resp.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = _handle
            do_POST = _handle

        self.port = free_port()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.port}"

    def score_requests(self) -> List[Dict[str, Any]]:
        return [r for r in self.requests if r["path"] == "/v1/score"]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def front(server_url):
    """Factory: front(script=[503], upstream=True) -> Front proxying to the real server after the script."""
    made: List[Front] = []

    def make(script: Optional[List[Any]] = None, upstream: bool = True) -> Front:
        f = Front(server_url if upstream else None, script)
        made.append(f)
        return f

    yield make
    for f in made:
        f.close()


@pytest.fixture
def closed_url() -> str:
    """A loopback URL where nothing listens (connection refused)."""
    return f"http://127.0.0.1:{free_port()}"


def r1(answer: str) -> str:
    """An R1-format completion answering ``answer``."""
    return f"<think>\nworking it out\n</think>\n<answer>\n{answer}\n</answer>"
