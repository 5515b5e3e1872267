"""Exports round-trip: what Gephi, neo4j-admin or cypher-shell would read back is the same graph."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from graph.store import Statement
from queries import canned
from queries.csv_import import import_csv
from queries.export import cypher_literal, export
from tests.cli_support import invoke
from tests.text_strategies import LITERAL_TEXT

LABEL_COUNTS = "MATCH (n) RETURN labels(n)[0] AS label, count(n) AS n ORDER BY label"
TYPE_COUNTS = "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n ORDER BY type"


@pytest.fixture
def empty_store(request, sample_store, tmp_path):
    """An empty store of the sample store's own backend: a round trip stays on one engine."""
    store = request.getfixturevalue(f"store_factory_{sample_store.dialect}")(tmp_path / "empty")
    yield store
    store.close()


def _counts(store) -> tuple[tuple, tuple]:
    return store.read(LABEL_COUNTS).rows, store.read(TYPE_COUNTS).rows


def _totals(store) -> tuple[int, int]:
    labels, types = _counts(store)
    return sum(n for _, n in labels), sum(n for _, n in types)


def test_graphml_and_gexf_reread_with_same_counts(sample_store, tmp_path):
    nodes, relationships = _totals(sample_store)
    [graphml] = export(sample_store, "graphml", tmp_path)
    [gexf] = export(sample_store, "gexf", tmp_path)
    for graph in (nx.read_graphml(graphml), nx.read_gexf(gexf)):
        assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, relationships)
    agency = nx.read_graphml(graphml).nodes["Agency:cnipa"]
    assert (agency["labels"], agency["name"], json.loads(agency["short_names"])) == (
        ":Agency",
        "国家知识产权局",
        ["知识产权局"],
    )


def test_csv_reimports_into_a_empty_store(sample_store, empty_store, tmp_path):
    export(sample_store, "csv", tmp_path)
    import_csv(empty_store, tmp_path)
    assert _counts(empty_store) == _counts(sample_store)
    assert canned.co_responsible_pairs(empty_store, limit=5) == canned.co_responsible_pairs(
        sample_store, limit=5
    )
    assert canned.agency_profile(empty_store, "知识产权局") == canned.agency_profile(
        sample_store, "知识产权局"
    )


def test_csv_headers_are_what_neo4j_admin_reads(sample_store, tmp_path):
    paths = export(sample_store, "neo4j-admin", tmp_path)
    with (tmp_path / "nodes_Task.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header[0] == "id:ID(Task)" and header[-1] == ":LABEL"
    assert {"start:long", "text:string"} <= set(header)
    with (tmp_path / "rels_LEADS_Agency_Task.csv").open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle))[:3] == [":START_ID(Agency)", ":END_ID(Task)", ":TYPE"]
    with (tmp_path / "nodes_Agency.csv").open(encoding="utf-8", newline="") as handle:
        assert "short_names:string[]" in next(csv.reader(handle))
    script = (tmp_path / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in script
    for path in paths[:-1]:
        assert path.name in script


def test_json_lines_hold_every_node_and_relationship(sample_store, tmp_path):
    nodes, relationships = _totals(sample_store)
    [path] = export(sample_store, "json", tmp_path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert sum(r["kind"] == "node" for r in records) == nodes
    assert sum(r["kind"] == "relationship" for r in records) == relationships


def test_cypher_script_recreates_the_graph(sample_store, empty_store, tmp_path):
    [path] = export(sample_store, "cypher", tmp_path)
    statements = [s for s in path.read_text(encoding="utf-8").split(";\n") if s.strip()]
    for statement in statements:
        empty_store.write([Statement(statement)])
    assert _counts(empty_store) == _counts(sample_store)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(LITERAL_TEXT)
def test_cypher_literals_survive_any_text(sample_store, text):
    [[value]] = sample_store.read(f"RETURN {cypher_literal(text)} AS v").rows
    assert value == text


def test_export_command_names_its_files(sample_store, tmp_path):
    result = invoke(sample_store, "export", "--format", "graphml", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("policykg.graphml")
    bad = invoke(sample_store, "export", "--format", "json", "--out", "/proc/forbidden")
    assert bad.exit_code != 0 and "Traceback" not in bad.output and "/proc/forbidden" in bad.output
