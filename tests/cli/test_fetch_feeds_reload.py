"""scripts/fetch_feeds.py swaps a folder feed atomically and can ask the service to reload."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scripts.fetch_feeds import exchange_paths, trigger_reload
from tests.cli.test_fetch_feeds import Script, gtfs_zip, run, server  # noqa: F401 (fixture)


def test_exchange_is_atomic_for_a_reader(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "feed"
    a.mkdir()
    b.mkdir()
    (a / "which.txt").write_text("new")
    (b / "which.txt").write_text("old")
    missing = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            if not (b / "which.txt").exists():
                missing.append(1)

    thread = threading.Thread(target=reader)
    thread.start()
    for _ in range(300):
        exchange_paths(a, b)
    stop.set()
    thread.join()
    assert not missing
    exchange_paths(a, b)
    assert (b / "which.txt").read_text() == "new" and (a / "which.txt").read_text() == "old"


@pytest.fixture
def service() -> Iterator[tuple[str, list[dict]]]:
    seen: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            seen.append({"path": self.path, "auth": self.headers.get("Authorization")})
            body = json.dumps({"started": True, "reload": {"status": "ok",
                                                            "artefact": "abc123"}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_reload_is_asked_after_an_update(tmp_path: Path, server, service) -> None:  # noqa: F811
    url, script = server
    service_url, seen = service
    script.answers = [(200, gtfs_zip(), {})]
    result = run(tmp_path, url, "--reload", service_url, "--token", "tok")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "reload ok: abc123" in result.stdout
    assert seen == [{"path": "/admin/reload?wait=true", "auth": "Bearer tok"}]
    assert trigger_reload("http://127.0.0.1:9", "tok", timeout_s=2)[0] is False
