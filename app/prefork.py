"""Gunicorn settings for serving W workers from ONE loaded dataset (issue 12: 4 workers'
memory <= 1.5x one worker's).

    gunicorn -c python:app.prefork app.main:app      # 127.0.0.1:8000, WEB_CONCURRENCY workers (1)
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

import asyncio
import gc
import logging
import os
import socket
import sys
import time
from typing import Any

from fastapi import FastAPI
from gunicorn.arbiter import Arbiter
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.server import Server
from uvicorn_worker import UvicornWorker

from app.state import load_state

__all__ = ["DrainingWorker", "master_pid", "on_reload", "on_starting", "preload"]

log = logging.getLogger("menuju.prefork")

#: seconds a stopping worker keeps answering on its open keep-alive connections (each answer
#: then says ``Connection: close``) before it closes the idle rest
DRAIN_S = 2.0

# gunicorn settings (command-line flags override them; gunicorn itself reads WEB_CONCURRENCY
# for the number of workers and binds 127.0.0.1:8000 by default)
worker_class = "app.prefork.DrainingWorker"
preload_app = True
graceful_timeout = 30
timeout = 120   # a worker silent for this long is restarted (plans take milliseconds)
keepalive = 5
accesslog = None  # the app writes its own JSON access log


class _CloseWhenDraining:
    """ASGI wrapper: while the worker drains, every answer carries ``Connection: close``, so
    the client opens its next connection to a worker that stays (uvicorn then closes the
    connection after this answer)."""

    def __init__(self, app: ASGIApp, draining: asyncio.Event) -> None:
        self.app, self.draining = app, draining

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.draining.is_set():
            await self.app(scope, receive, send)
            return

        async def send_closing(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() != b"connection"]
                message = {**message, "headers": [*headers, (b"connection", b"close")]}
            await send(message)

        await self.app(scope, receive, send_closing)


class _DrainingServer(Server):
    """uvicorn's server, whose graceful shutdown first stops accepting, then for ``DRAIN_S``
    answers the requests still arriving on open keep-alive connections with ``Connection:
    close``, and only then closes the connections left idle. Plain uvicorn closes idle
    keep-alive connections at once, and a client sending on one at that instant sees a
    failed request (HTTP/1.1 allows the close; most clients do not retry it)."""

    def __init__(self, config: Any, draining: asyncio.Event) -> None:
        super().__init__(config)
        self.draining = draining

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()          # new connections go to the other workers
        self.draining.set()
        deadline = time.monotonic() + DRAIN_S
        while self.server_state.connections and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        await super().shutdown(sockets)


class DrainingWorker(UvicornWorker):
    """gunicorn's uvicorn worker with a draining shutdown (:class:`_DrainingServer`): a
    reload replaces the workers with none of their clients' requests failing."""

    async def _serve(self) -> None:
        draining = asyncio.Event()
        self.config.app = _CloseWhenDraining(self.wsgi, draining)
        server = _DrainingServer(self.config, draining)
        self._install_sigquit_handler()
        await server.serve(sockets=self.sockets)
        if not server.started:
            sys.exit(Arbiter.WORKER_BOOT_ERROR)   # the master stops


def preload(app: FastAPI) -> None:
    """Load ``app``'s state in this process, so forked workers share it: nothing is left
    running in a thread (a fork copies only the calling thread), and ``gc.freeze`` keeps the
    collector out of the loaded objects' pages. Raises what :func:`app.state.load_state`
    raises (the master then exits with that one line)."""
    app.state.menuju = load_state(app.state.settings, threads=False)
    app.openapi()   # FastAPI builds its schema (and route models) once, here, not per worker
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
