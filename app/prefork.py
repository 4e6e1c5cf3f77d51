"""Gunicorn settings for serving W workers from ONE loaded dataset (issue 12: 4 workers'
memory <= 1.5x one worker's).

    gunicorn -c python:app.prefork app.main:app            # WEB_CONCURRENCY workers (2)
    gunicorn -c python:app.prefork -w 4 -b 0.0.0.0:8000 app.main:app

``uvicorn --workers W`` starts W fresh interpreters (spawn): each imports numpy, pandas, numba
and the web stack, parses the feeds, builds the walking network and compiles the kernel, so
W workers cost W times that (~250 MB each on the real feeds) and only the memory-mapped
artefact is shared. Here the gunicorn master loads the state once (:func:`preload`), compiles
the kernel by warming up, freezes the garbage collector's view of everything loaded
(``gc.freeze``: the collector then never writes into those objects' pages) and forks the
workers (``uvicorn_worker.UvicornWorker``): they share those pages copy-on-write.

Reload: ``kill -HUP <master>`` (or ``POST /admin/reload`` in any worker, which builds and
checks the new artefact off the serving path and then signals the master) makes the master
build or find the artefact of the configured feeds, load it, and start new workers on it;
gunicorn stops the old workers gracefully once the new ones run, so requests in flight
finish on the old dataset. A feed that fails a check leaves the old dataset loaded. Worker
processes are replaced on a reload, so their memory is shared again afterwards.
"""

from __future__ import annotations

import gc
import logging
import os
from typing import Any

from fastapi import FastAPI

from app.state import load_state

__all__ = ["master_pid", "on_reload", "on_starting", "preload"]

log = logging.getLogger("menuju.prefork")

# gunicorn settings (command-line flags override them)
worker_class = "uvicorn_worker.UvicornWorker"
preload_app = True
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
bind = [os.environ.get("BIND", "127.0.0.1:8000")]
graceful_timeout = 30
timeout = 120   # a worker silent for this long is restarted (plans take milliseconds)
keepalive = 5
accesslog = None  # the app writes its own JSON access log


def preload(app: FastAPI) -> None:
    """Load ``app``'s state in this process, so forked workers share it: nothing is left
    running in a thread (a fork copies only the calling thread), and ``gc.freeze`` keeps the
    collector out of the loaded objects' pages. Raises what :func:`app.state.load_state`
    raises (the master then exits with that one line)."""
    app.state.menuju = load_state(app.state.settings, threads=False)
    app.state.prefork_master_pid = os.getpid()
    gc.collect()
    gc.freeze()


def _app(server: Any) -> FastAPI:
    app: FastAPI = server.app.wsgi()   # imported once by the master (preload_app)
    return app


def on_starting(server: Any) -> None:
    """gunicorn hook, in the master before it listens and forks the first worker: load the
    state (so, as with uvicorn, nothing accepts connections until the dataset is loaded)."""
    app = _app(server)
    if app.state.menuju is None:
        preload(app)
        log.info("master %d loaded artefact %s; forking %d workers", os.getpid(),
                 app.state.menuju.artefact.id if app.state.menuju.artefact else "-",
                 server.cfg.workers)


def on_reload(server: Any) -> None:
    """gunicorn hook on SIGHUP, in the master before it forks the new workers: build (or
    find) the configured feeds' artefact, check and load it; on any failure keep the old
    state. The outcome is what ``/v1/feeds`` of the new workers shows."""
    from app.reload import Reloader  # here: app.reload imports master_pid from this module

    app = _app(server)
    reloader = Reloader(app, in_master=True)
    reloader.run_now("SIGHUP to the gunicorn master")
    app.state.reload_outcome = reloader.outcome
    gc.collect()
    gc.freeze()


def master_pid(app: FastAPI) -> int | None:
    """The pid of the gunicorn master that preloaded ``app`` when this process is one of its
    workers, else None (plain uvicorn, tests, the master itself)."""
    pid = getattr(app.state, "prefork_master_pid", None)
    return pid if pid is not None and pid != os.getpid() else None
