"""Starting the Streamlit app: the command line and environment behind `policykg ui`.

The app runs in its own `streamlit run` process, so the store options travel by environment
variables (credentials for Neo4j already do: NEO4J_USER / NEO4J_PASSWORD). Streamlit is told
to bind to localhost, run headless and never send usage statistics, so nothing leaves the
machine.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final, NoReturn

APP: Final = Path(__file__).with_name("app.py")
DB_ENV: Final = "POLICYKG_UI_DB"
NEO4J_ENV: Final = "POLICYKG_UI_NEO4J"


def streamlit_command(port: int, address: str = "127.0.0.1") -> list[str]:
    """The `streamlit run` command line for the app on `address:port`, through `ui.server`,
    which preloads the pages' modules before Streamlit starts listening."""
    return [
        sys.executable,
        "-m",
        "ui.server",
        "run",
        str(APP),
        "--server.headless=true",
        f"--server.address={address}",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        "--client.toolbarMode=minimal",
        "--global.developmentMode=false",
    ]


def app_environment(db: str | None, neo4j: str | None) -> dict[str, str]:
    """This process's environment plus the store options the app reads back in `ui.store`."""
    env = {k: v for k, v in os.environ.items() if k not in (DB_ENV, NEO4J_ENV)}
    if db:
        env[DB_ENV] = db
    if neo4j:
        env[NEO4J_ENV] = neo4j
    return env


def start(db: str | None, neo4j: str | None, port: int) -> subprocess.Popen[bytes]:
    """Start the app in the background (the browser test and benchmarks stop it themselves)."""
    return subprocess.Popen(
        streamlit_command(port),
        env=app_environment(db, neo4j),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def serve(db: str | None, neo4j: str | None, port: int) -> NoReturn:
    """Become the Streamlit server, so Ctrl+C and kill reach it directly and leave no orphan."""
    command = streamlit_command(port)
    os.execve(command[0], command, app_environment(db, neo4j))


def free_port() -> int:
    """A localhost port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_healthy(url: str, process: subprocess.Popen[bytes], seconds: float = 90) -> None:
    """Poll Streamlit's health endpoint until the server answers (or has died)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"streamlit exited: {stderr[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not become healthy in {seconds:.0f} s")


@contextmanager
def running(db: str | None, neo4j: str | None) -> Iterator[str]:
    """The app served on a free localhost port for the duration of the block; yields its URL."""
    port = free_port()
    process = start(db, neo4j, port)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
