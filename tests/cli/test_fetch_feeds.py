"""scripts/fetch_feeds.py against feeds served by a local HTTP server (no internet)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "fetch_feeds.py"
MRT = ROOT / "data" / "gtfs" / "mrt-jakarta"


def gtfs_zip(end_date: str = "20301231") -> bytes:
    """The bundled MRT feed as a zip, with its calendar ending on ``end_date``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(MRT.glob("*.txt")):
            text = path.read_text(encoding="utf-8-sig")
            if path.name in ("calendar.txt", "feed_info.txt"):
                text = text.replace("20301231", end_date)
            zf.writestr(path.name, text)
    return buffer.getvalue()


@dataclass
class Script:
    """Answers the server gives, in order (the last one repeats), and the requests it saw."""

    answers: list[tuple[int, bytes, dict[str, str]]] = field(default_factory=list)
    requests: list[dict[str, str]] = field(default_factory=list)


@pytest.fixture
def server() -> Iterator[tuple[str, Script]]:
    script = Script()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            script.requests.append(dict(self.headers))
            status, body, headers = (script.answers.pop(0) if len(script.answers) > 1
                                     else script.answers[0])
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/feed.zip", script
    finally:
        httpd.shutdown()
        httpd.server_close()


def run(tmp_path: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "feeds.toml"
    config.write_text(f'[[feed]]\nid = "mrt"\nurl = "{url}"\n', encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--config", str(config), "--feeds-dir",
         str(tmp_path / "feeds"), "--backoff", "0.01", *extra],
        capture_output=True, text=True, timeout=120, check=False,
    )


def test_new_feed_then_not_modified(tmp_path: Path, server: tuple[str, Script]) -> None:
    url, script = server
    body = gtfs_zip()
    stamp = "Mon, 01 Dec 2025 00:00:00 GMT"
    script.answers = [(200, body, {"ETag": '"v1"', "Last-Modified": stamp}),
                      (304, b"", {"ETag": '"v1"'})]
    first = run(tmp_path, url)
    assert first.returncode == 0, first.stderr
    assert "new" in first.stdout and "valid 2024-01-01 to 2030-12-31" in first.stdout
    feed = tmp_path / "feeds" / "mrt.zip"
    assert feed.read_bytes() == body
    meta = json.loads((tmp_path / "feeds" / "mrt.meta.json").read_text())
    assert meta["etag"] == '"v1"' and meta["end_date"] == "2030-12-31"

    second = run(tmp_path, url)
    assert second.returncode == 0, second.stderr
    assert "not-modified" in second.stdout
    assert script.requests[-1]["If-None-Match"] == '"v1"'
    assert script.requests[-1]["If-Modified-Since"] == stamp
    assert feed.read_bytes() == body
    assert sorted(p.name for p in feed.parent.iterdir()) == ["mrt.meta.json", "mrt.zip"]


def test_corrupt_or_older_download_keeps_the_feed(tmp_path: Path,
                                                  server: tuple[str, Script]) -> None:
    url, script = server
    good = gtfs_zip()
    script.answers = [(200, good, {"ETag": '"v1"'}),
                      (200, good[: len(good) // 2], {"ETag": '"v2"'}),
                      (200, gtfs_zip("20281231"), {"ETag": '"v3"'})]
    assert run(tmp_path, url).returncode == 0
    corrupt = run(tmp_path, url)
    assert corrupt.returncode == 1
    assert "failed" in corrupt.stdout and "not a readable zip" in corrupt.stdout
    older = run(tmp_path, url)
    assert older.returncode == 1
    assert "valid until 2028-12-31, before the feed in place (2030-12-31)" in older.stdout
    feeds = tmp_path / "feeds"
    assert (feeds / "mrt.zip").read_bytes() == good
    assert json.loads((feeds / "mrt.meta.json").read_text())["etag"] == '"v1"'
    assert sorted(p.name for p in feeds.iterdir()) == ["mrt.meta.json", "mrt.zip"]


def test_server_error_is_retried(tmp_path: Path, server: tuple[str, Script]) -> None:
    url, script = server
    script.answers = [(500, b"oops", {}), (503, b"busy", {}), (200, gtfs_zip(), {})]
    result = run(tmp_path, url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(script.requests) == 3
    assert (tmp_path / "feeds" / "mrt.zip").exists()


def test_server_error_gives_up(tmp_path: Path, server: tuple[str, Script]) -> None:
    url, script = server
    script.answers = [(500, b"oops", {})]
    result = run(tmp_path, url, "--retries", "1")
    assert result.returncode == 1
    assert "gave up after 2 attempts: HTTP 500" in result.stdout
    assert len(script.requests) == 2
    assert not (tmp_path / "feeds" / "mrt.zip").exists()


def test_check_reports_and_writes_nothing(tmp_path: Path, server: tuple[str, Script]) -> None:
    url, script = server
    script.answers = [(200, gtfs_zip(), {"ETag": '"v1"'})]
    result = run(tmp_path, url, "--check")
    assert result.returncode == 0, result.stderr
    assert "would-update" in result.stdout and "would add" in result.stdout
    assert not (tmp_path / "feeds").exists()


def test_folder_feed_is_swapped_in_place(tmp_path: Path, server: tuple[str, Script]) -> None:
    url, script = server
    folder = tmp_path / "feeds" / "mrt"
    folder.mkdir(parents=True)
    for path in MRT.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "stale.txt").write_text("gone after the swap\n")
    script.answers = [(200, gtfs_zip("20311231"), {})]
    result = run(tmp_path, url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "updated" in result.stdout
    assert not (folder / "stale.txt").exists()
    assert "20311231" in (folder / "calendar.txt").read_text()
    assert sorted(p.name for p in folder.parent.iterdir()) == ["mrt", "mrt.meta.json"]


def test_bad_config_exits_2(tmp_path: Path) -> None:
    config = tmp_path / "feeds.toml"
    config.write_text('[[feed]]\nid = "mrt"\n', encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCRIPT), "--config", str(config)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert "needs an http(s) url" in result.stderr and "Traceback" not in result.stderr
