"""The Neo4j backend against a real Neo4j server (started by tests/neo4j_support.py)."""

from __future__ import annotations

import logging
import socket
import subprocess
import threading
from dataclasses import replace
from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner

from graph.copy import count_graph
from graph.ingest import ingest_paths
from graph.neo4j_store import Neo4jSettings, Neo4jStore
from graph.store import ReadOnlyViolation, Statement, StoreError
from policykg import cli
from queries.canned import CANNED, ask
from queries.console import run_console
from queries.export import ARRAY_DELIMITER, export
from tests.neo4j_support import SERVER_SCRIPT, LocalServer, env_for

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def embedded_samples(store_factory_falkordb, tmp_path_factory):
    """The samples ingested into the embedded store: (its directory, the store)."""
    directory = tmp_path_factory.mktemp("embedded") / "db"
    store = store_factory_falkordb(directory)
    ingest_paths(store, [SAMPLES])
    yield directory, store
    store.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def one_line_error(message: str) -> None:
    assert "\n" not in message.strip() and "Traceback" not in message


def test_wrong_password_says_so_in_one_line(neo4j_servers):
    settings = replace(neo4j_servers[0], password="not-the-password")
    with pytest.raises(StoreError) as caught:
        Neo4jStore(settings)
    assert "wrong user or password" in str(caught.value) and settings.uri in str(caught.value)
    one_line_error(str(caught.value))


def test_cli_reports_wrong_password_without_traceback(neo4j_servers):
    env = env_for(neo4j_servers[0]) | {"NEO4J_PASSWORD": "not-the-password"}
    result = CliRunner(env=env).invoke(cli, ["ingest", str(SAMPLES), "--neo4j", neo4j_servers[0].uri])
    assert result.exit_code == 1
    assert "wrong user or password" in result.output
    one_line_error(result.output)


def test_unreachable_server_says_so(neo4j_servers):
    settings = replace(neo4j_servers[0], uri=f"bolt://127.0.0.1:{free_port()}")
    with pytest.raises(StoreError) as caught:
        Neo4jStore(settings)
    assert "unreachable" in str(caught.value)
    one_line_error(str(caught.value))


def test_unknown_database_says_so(neo4j_servers):
    with pytest.raises(StoreError) as caught:
        Neo4jStore(replace(neo4j_servers[0], database="nosuchdb"))
    assert "'nosuchdb' does not exist" in str(caught.value)


def test_non_bolt_uri_is_refused():
    with pytest.raises(StoreError, match="not a Neo4j Bolt URI"):
        Neo4jStore(Neo4jSettings(uri="http://127.0.0.1:7474", password="x"))


def test_reingest_is_idempotent(neo4j_store):
    ingest_paths(neo4j_store, [SAMPLES])
    first = count_graph(neo4j_store)
    ids = neo4j_store.read("MATCH (t:Task) RETURN t.id ORDER BY t.id").rows
    ingest_paths(neo4j_store, [SAMPLES])
    assert count_graph(neo4j_store) == first
    assert neo4j_store.read("MATCH (t:Task) RETURN t.id ORDER BY t.id").rows == ids
    assert first.nodes["Task"] > 0 and first.relationships["LEADS"] > 0


def test_write_is_retried_after_a_transient_lock_timeout(neo4j_store, caplog):
    """Another transaction holds the node's lock past the server's lock timeout (1 s on the test
    server): the first attempt fails with a transient error, the driver retries, the write lands."""
    neo4j_store.write([Statement("CREATE (:Document {id: 'd1', title: 'old'})")])
    settings = neo4j_store.settings
    locked, release = threading.Event(), threading.Event()

    def hold_lock() -> None:
        with (
            neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver,
            driver.session(database=settings.database) as session,
            session.begin_transaction() as tx,
        ):
            tx.run("MATCH (d:Document {id: 'd1'}) SET d.title = 'held'").consume()
            locked.set()
            release.wait(timeout=30)
            tx.rollback()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    assert locked.wait(timeout=30)
    threading.Timer(2.5, release.set).start()
    with caplog.at_level(logging.WARNING, logger="neo4j"):
        neo4j_store.write([Statement("MATCH (d:Document {id: $id}) SET d.title = 'new'", {"id": "d1"})])
    holder.join()
    assert "will be retried" in caplog.text
    assert neo4j_store.read("MATCH (d:Document) RETURN d.title").rows == (("new",),)


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (:Agency {id: 'x'})",
        "MATCH (a:Agency) SET a.name = 'changed'",
        "MATCH (n) DETACH DELETE n",
        "CREATE INDEX sneaky IF NOT EXISTS FOR (n:Agency) ON (n.level)",
    ],
)
def test_console_rejects_writes_on_neo4j(neo4j_store, query):
    neo4j_store.write([Statement("CREATE (:Agency {id: 'a1', name: '科技部'})")])
    with pytest.raises(ReadOnlyViolation, match="read-only"):
        run_console(neo4j_store, query)
    assert neo4j_store.read("MATCH (a:Agency) RETURN a.id, a.name").rows == (("a1", "科技部"),)
    assert neo4j_store.read("SHOW INDEXES YIELD name WHERE name = 'sneaky' RETURN name").rows == ()


def test_copy_command_moves_the_embedded_graph_with_identical_counts(embedded_samples, neo4j_store):
    directory, embedded = embedded_samples
    neo4j_store.write([Statement("CREATE (:Agency {id: 'left-over'})")])
    result = CliRunner(env=env_for(neo4j_store.settings)).invoke(
        cli, ["copy", "--from", str(directory), "--to-neo4j", neo4j_store.settings.uri, "--replace"]
    )
    assert result.exit_code == 0, result.output
    assert "counts identical" in result.output
    assert count_graph(neo4j_store) == count_graph(embedded)
    task = "MATCH (t:Task) RETURN properties(t) AS p ORDER BY t.id LIMIT 1"
    assert neo4j_store.read(task).rows == embedded.read(task).rows


def canned_params(store) -> dict[str, dict[str, str]]:
    """Parameters from the sample data itself, so every question has something to answer."""
    agency = store.read(
        "MATCH (a:Agency)-[:LEADS]->(:Task) RETURN a.name AS name, count(*) AS c "
        "ORDER BY c DESC, name LIMIT 1"
    ).rows[0][0]
    issuers = store.read("MATCH (a:Agency)-[:ISSUED]->() RETURN a.name ORDER BY a.name LIMIT 1").rows
    issuer = issuers[0][0] if issuers else agency
    docs = [row[0] for row in store.read("MATCH (d:Document) RETURN d.id ORDER BY d.id").rows]
    text = store.read("MATCH (t:Task) RETURN t.text ORDER BY t.id LIMIT 1").rows[0][0]
    return {
        "agency-tasks": {"agency": agency},
        "who-leads": {"keyword": text[:4]},
        "issued": {"agency": issuer},
        "profile": {"agency": agency},
        "changes": {"old": docs[0], "new": docs[-1]},
        "deadlines": {"agency": agency},
    }


def test_every_canned_question_answers_the_same_on_both_backends(embedded_samples, neo4j_store):
    _, embedded = embedded_samples
    ingest_paths(neo4j_store, [SAMPLES])
    params = canned_params(embedded)
    answered = 0
    for name in CANNED:
        on_embedded = ask(embedded, name, params.get(name, {}))
        assert ask(neo4j_store, name, params.get(name, {})) == on_embedded, name
        answered += bool(on_embedded)
    assert answered >= len(CANNED) - 2


def test_neo4j_admin_export_imports_into_a_real_server(embedded_samples, tmp_path):
    """E's `export --format neo4j-admin` CSVs through Neo4j's own importer (the Maven Central jars
    behind `neo4j-admin database import full`), then a server started on the imported store holds
    the same counts as the embedded graph."""
    _, embedded = embedded_samples
    out = tmp_path / "export"
    out.mkdir()
    files = export(embedded, "neo4j-admin", out)
    csvs = sorted(path.name for path in files if path.suffix == ".csv")
    home = tmp_path / "home"
    done = subprocess.run(
        [str(SERVER_SCRIPT), "admin", str(home), "database", "import", "full", "neo4j"]
        + [f"--array-delimiter={ARRAY_DELIMITER}", "--multiline-fields=true"]
        + [f"--{'nodes' if name.startswith('nodes_') else 'relationships'}={out / name}" for name in csvs],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    server = LocalServer("--copy-from", str(home))
    try:
        with Neo4jStore(server.settings[0]) as imported:
            assert count_graph(imported) == count_graph(embedded)
    finally:
        server.stop()
