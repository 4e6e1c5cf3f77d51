#!/usr/bin/env python3
"""Bootstrap for a fresh clone, standard library only.

    python3 scripts/dev.py serve [uvicorn args]   # http://127.0.0.1:8000 on the bundled feeds
    python3 scripts/dev.py test [pytest args]     # the whole test suite

Both create ``.venv`` when it is missing and install the project with its dev extra, skipping
the install while ``pyproject.toml`` is unchanged since the last one (a stamp in ``.venv``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".menuju-install-stamp"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def say(message: str) -> None:
    """One progress line."""
    print(f"[menuju] {message}", flush=True)


def run(command: list[str], **kwargs: object) -> None:
    """Run a command in the repository root; exit with its code if it fails."""
    result = subprocess.run(command, cwd=ROOT, check=False, **kwargs)  # type: ignore[call-overload]
    if result.returncode != 0:
        say(f"failed (exit {result.returncode}): {' '.join(command)}")
        sys.exit(result.returncode)


def ensure_venv() -> None:
    """Create .venv with the running interpreter if it does not exist yet."""
    if sys.version_info < (3, 11):
        say(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
        sys.exit(1)
    if PYTHON.exists():
        return
    say(f"creating virtual environment {VENV.relative_to(ROOT)}")
    run([sys.executable, "-m", "venv", str(VENV)])


def ensure_installed() -> None:
    """pip install -e '.[dev]' unless pyproject.toml is unchanged since the last install."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        say("dependencies up to date (pyproject.toml unchanged)")
        return
    say("installing the project and its dev dependencies (first run takes a few minutes)")
    run([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", ".[dev]"])
    STAMP.write_text(wanted + "\n")
    say("install done")


def ensure_chromium() -> None:
    """As root on Debian/Ubuntu, install Chromium for the browser tests if it is missing."""
    if any(shutil.which(name) for name in CHROMIUM_NAMES):
        return
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("apt-get"):
        say("Chromium not found; the browser tests will be skipped")
        return
    say("installing Chromium with apt-get for the browser tests")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"],
    ):
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            say(f"could not install Chromium ({tail[0]}); the browser tests will be skipped")
            return
    say("Chromium installed")


def ensure_load_tools() -> None:
    """As root on Debian/Ubuntu, install nginx and wrk for the replica test if missing."""
    missing = [name for name, path in (("nginx", "/usr/sbin/nginx"), ("wrk", "/usr/bin/wrk"))
               if not (shutil.which(name) or os.path.exists(path))]
    if not missing:
        return
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("apt-get"):
        say(f"{' and '.join(missing)} not found; the replica test will skip or fall back")
        return
    say(f"installing {' and '.join(missing)} with apt-get for the replica test")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
    ):
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            say(f"could not install {' and '.join(missing)} ({tail[0]})")
            return
    say(f"{' and '.join(missing)} installed")


def ensure_node() -> None:
    """As root on Debian/Ubuntu, install Node.js and npm for the MOTIS-client test if missing
    (the test installs ``@motis-project/motis-client`` from npm itself)."""
    missing = [name for name in ("node", "npm")
               if not shutil.which(name)]
    if not missing:
        return
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("apt-get"):
        say(f"{' and '.join(missing)} not found; the MOTIS-client test will be skipped")
        return
    packages = ["nodejs" if name == "node" else name for name in missing]
    say(f"installing {' and '.join(packages)} with apt-get for the MOTIS-client test")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
    ):
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            say(f"could not install {' and '.join(packages)} ({tail[0]}); the MOTIS-client "
                "test will be skipped")
            return
    say(f"{' and '.join(packages)} installed")


def _option(args: list[str], name: str, default: str) -> tuple[str, list[str]]:
    """The value of ``--name V`` or ``--name=V`` in ``args`` (the last one wins, as uvicorn
    reads it) and the other arguments."""
    value, rest, i = default, [], 0
    while i < len(args):
        if args[i] == f"--{name}" and i + 1 < len(args):
            value, i = args[i + 1], i + 2
            continue
        if args[i].startswith(f"--{name}="):
            value = args[i].split("=", 1)[1]
        else:
            rest.append(args[i])
        i += 1
    return value, rest


def serve(args: list[str]) -> None:
    """Start the API on http://127.0.0.1:8000, or the ``--host``/``--port`` given (replaces
    this process)."""
    ensure_venv()
    ensure_installed()
    host, args = _option(args, "host", "127.0.0.1")
    port, args = _option(args, "port", "8000")
    command = [
        str(PYTHON),
        "-m",
        "uvicorn",
        "app.main:app",
        "--host",
        host,
        "--port",
        port,
        "--no-access-log",
        *args,
    ]
    say(f"serving on http://{host}:{port} (Ctrl-C stops)")
    os.chdir(ROOT)
    os.execv(command[0], command)


def test(args: list[str]) -> None:
    """Run the whole test suite and exit with pytest's code."""
    ensure_venv()
    ensure_installed()
    ensure_chromium()
    ensure_load_tools()
    ensure_node()
    say("running the tests")
    try:
        code = subprocess.run(
            [str(PYTHON), "-m", "pytest", *args], cwd=ROOT, check=False
        ).returncode
    except KeyboardInterrupt:
        code = 130
    say("tests passed" if code == 0 else f"tests failed (pytest exit code {code})")
    sys.exit(code)


def main(argv: list[str]) -> None:
    commands = {"serve": serve, "test": test}
    if not argv or argv[0] not in commands:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    commands[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
