"""Pytest plugin: real Neo4j servers for the tests that need one.

The servers are the ones in NEO4J_URI (and NEO4J_URI_2 when set; NEO4J_USER / NEO4J_PASSWORD /
NEO4J_DATABASE apply to both), else throw-away Neo4j Community servers that
`tools/neo4j-server run` starts for the session and that stop when the session ends (their
standard input closes, so even a killed pytest leaves no server behind). Without Java or Maven
the Neo4j tests skip and say why, except under CI=true, where a missing JDK is a broken machine
and fails them.

Community has one user database per server, so stores are *leased*: a lease empties a server
that no open store is using. The session-long sample store keeps one server; per-test stores
take turns on the other.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.neo4j_store import Neo4jSettings, Neo4jStore

ROOT = Path(__file__).resolve().parent.parent
SERVER_SCRIPT = ROOT / "tools" / "neo4j-server"
HARNESS_CLASS = ROOT / "tests" / "neo4j-server" / "target" / "classes" / "policykg" / "neo4jserver"
MISSING_TOOLS_EXIT = 3
LOCAL_INSTANCES = 2


def missing_tools() -> str | None:
    """Why a local server cannot be started here, or None when Java (and Maven if needed) exist."""
    if shutil.which("java") is None:
        return "java not found: install a JDK 17+ (and Maven) or set NEO4J_URI to run the Neo4j tests"
    if shutil.which("mvn") is None and not (HARNESS_CLASS / "Launcher.class").is_file():
        return "mvn not found: install Maven (or set NEO4J_URI) to build the Neo4j test server"
    return None


def unavailable(reason: str) -> None:
    """Skip on a developer machine without the tools; fail in CI, where nothing may skip."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"Neo4j tests cannot run in CI: {reason}")
    pytest.skip(reason)


class LocalServer:
    """A `tools/neo4j-server run` child; its connection lines are read from standard output."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [str(SERVER_SCRIPT), "run", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        values: dict[str, str] = {}
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.strip() == "READY":
                break
            key, _, value = line.strip().partition("=")
            values[key] = value
        else:
            code = self.process.wait()
            if code == MISSING_TOOLS_EXIT:
                unavailable("tools/neo4j-server: Java or Maven missing")
            raise RuntimeError(f"tools/neo4j-server run exited with {code} before the server was ready")
        uris = [value for key, value in sorted(values.items()) if key.startswith("NEO4J_URI")]
        self.settings = [
            Neo4jSettings(uri=uri, user=values["NEO4J_USER"], password=values["NEO4J_PASSWORD"])
            for uri in uris
        ]

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


class Neo4jPool:
    """Hands out empty stores, each on a server that no open store is using."""

    def __init__(self, servers: list[Neo4jSettings]) -> None:
        self.servers = servers
        self._leases: dict[int, Neo4jStore] = {}

    def lease(self) -> Neo4jStore:
        for index, settings in enumerate(self.servers):
            holder = self._leases.get(index)
            if holder is None or holder.closed:
                store = Neo4jStore(settings)
                store.clear()
                store.ensure_schema()
                self._leases[index] = store
                return store
        raise RuntimeError(
            f"all {len(self.servers)} Neo4j test servers hold an open store; close one first "
            "(or set NEO4J_URI_2 for a second external server)"
        )

    def close_all(self) -> None:
        for store in self._leases.values():
            store.close()


def pytest_report_header() -> str:
    if os.environ.get("NEO4J_URI"):
        return f"neo4j: tests use the server at NEO4J_URI={os.environ['NEO4J_URI']}"
    reason = missing_tools()
    if reason is None:
        return "neo4j: tests start a local Neo4j Community 5.26 (tools/neo4j-server run)"
    return f"neo4j: tests {'FAIL' if os.environ.get('CI') == 'true' else 'skip'}: {reason}"


def pytest_collection_finish(session: pytest.Session) -> None:
    """Build the harness before any test runs, so a first-time Maven download (minutes on a
    fresh machine) is not charged to the first Neo4j test's timeout."""
    wanted = any("neo4j" in item.nodeid for item in session.items)
    if wanted and not os.environ.get("NEO4J_URI") and missing_tools() is None:
        subprocess.run([str(SERVER_SCRIPT), "build"], check=False)


@pytest.fixture(scope="session")
def neo4j_servers() -> Iterator[list[Neo4jSettings]]:
    """Connection settings of the session's Neo4j servers (external or local)."""
    if os.environ.get("NEO4J_URI"):
        extra = os.environ.get("NEO4J_URI_2")
        yield [Neo4jSettings.from_env(), *([Neo4jSettings.from_env(extra)] if extra else [])]
        return
    reason = missing_tools()
    if reason is not None:
        unavailable(reason)
    server = LocalServer("--instances", str(LOCAL_INSTANCES))
    try:
        yield server.settings
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_pool(neo4j_servers: list[Neo4jSettings]) -> Iterator[Neo4jPool]:
    pool = Neo4jPool(neo4j_servers)
    yield pool
    pool.close_all()


@pytest.fixture
def neo4j_store(neo4j_pool: Neo4jPool) -> Iterator[Neo4jStore]:
    """An empty Neo4j store for one test."""
    store = neo4j_pool.lease()
    yield store
    store.close()


def env_for(settings: Neo4jSettings) -> dict[str, str]:
    """The environment a `policykg … --neo4j URI` run needs for the credentials."""
    env = {"NEO4J_URI": settings.uri, "NEO4J_USER": settings.user}
    if settings.password is not None:
        env["NEO4J_PASSWORD"] = settings.password
    if settings.database is not None:
        env["NEO4J_DATABASE"] = settings.database
    return env
