"""Pytest plugin: a real Neo4j server for the tests that need one.

The server is the one in NEO4J_URI when set (with NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE),
else a throw-away Neo4j Community that `tools/neo4j-server run` starts for the session and that
stops when the session ends (its standard input closes, so even a killed pytest leaves no
server behind). Without Java or Maven the Neo4j tests skip and say why, except under CI=true,
where a missing JDK is a broken machine and fails them.
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
            [str(SERVER_SCRIPT), "run", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
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
        self.settings = Neo4jSettings(
            uri=values["NEO4J_URI"], user=values["NEO4J_USER"], password=values["NEO4J_PASSWORD"]
        )

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


def pytest_report_header() -> str:
    if os.environ.get("NEO4J_URI"):
        return f"neo4j: tests use the server at NEO4J_URI={os.environ['NEO4J_URI']}"
    reason = missing_tools()
    if reason is None:
        return "neo4j: tests start a local Neo4j Community (tools/neo4j-server run)"
    return f"neo4j: tests {'FAIL' if os.environ.get('CI') == 'true' else 'skip'}: {reason}"


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Neo4jSettings]:
    """Connection settings of the session's Neo4j (external NEO4J_URI or a local harness)."""
    if os.environ.get("NEO4J_URI"):
        yield Neo4jSettings.from_env()
        return
    reason = missing_tools()
    if reason is not None:
        unavailable(reason)
    server = LocalServer()
    try:
        yield server.settings
    finally:
        server.stop()


@pytest.fixture
def neo4j_env(neo4j_settings: Neo4jSettings) -> dict[str, str]:
    """The environment a `policykg … --neo4j URI` subprocess needs for the credentials."""
    env = dict(os.environ, NEO4J_URI=neo4j_settings.uri, NEO4J_USER=neo4j_settings.user)
    if neo4j_settings.password is not None:
        env["NEO4J_PASSWORD"] = neo4j_settings.password
    if neo4j_settings.database is not None:
        env["NEO4J_DATABASE"] = neo4j_settings.database
    return env


def empty_neo4j_store(settings: Neo4jSettings) -> Neo4jStore:
    """A store on the session's server, emptied and with the schema in place.

    Tests share one server (Community has one user database), so each starts from nothing.
    """
    store = Neo4jStore(settings)
    store.clear()
    store.ensure_schema()
    return store


@pytest.fixture
def neo4j_store(neo4j_settings: Neo4jSettings) -> Iterator[Neo4jStore]:
    """An empty Neo4j store for one test."""
    store = empty_neo4j_store(neo4j_settings)
    try:
        yield store
    finally:
        store.close()
