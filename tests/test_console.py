"""The Cypher console is read-only, bounded in rows and time, and explains itself in one line."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.store import QueryTimeout, ReadOnlyViolation, StoreError
from queries.console import parse_params, run_console
from queries.export import cypher_literal
from queries.formatting import Table, render
from tests.cli_support import invoke
from tests.text_strategies import LITERAL_TEXT

COUNTS = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS relationships"
WRITES = {
    "create": "CREATE (:Agency {id: 'x', name: '伪造机构'})",
    "merge": "MERGE (a:Agency {id: 'cnipa'}) RETURN a",
    "set": "MATCH (a:Agency {id: 'cnipa'}) SET a.name = '改名'",
    "delete": "MATCH (t:Task) DELETE t",
    "detach-delete": "MATCH (t:Task) DETACH DELETE t",
    "remove": "MATCH (a:Agency) REMOVE a.name",
    "create-index": "CREATE INDEX FOR (t:Task) ON (t.clause)",
    "load-csv": "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "load-csv-hidden": "load /* x */ csv from 'https://example.org/x.csv' AS row CREATE (:Task {id: row[0]})",
}
ENGINE_WRITES = {
    "falkordb": {
        "drop-index": "DROP INDEX ON :Agency(name)",
        "write-procedure": "CALL db.idx.fulltext.createNodeIndex('Agency', 'name')",
    },
    "neo4j": {
        "drop-index": "DROP INDEX agency_name IF EXISTS",
        "write-procedure": "CALL db.createLabel('Forged')",
    },
}
HEAVY = "MATCH (a), (b), (c), (d) WHERE a.id < b.id RETURN count(*)"


def _counts(store):
    return run_console(store, COUNTS).rows


@pytest.mark.parametrize("form", [*WRITES, *ENGINE_WRITES["falkordb"]])
def test_every_write_form_is_rejected_and_graph_unchanged(sample_store, form):
    cypher = WRITES.get(form) or ENGINE_WRITES[sample_store.dialect][form]
    before = _counts(sample_store)
    with pytest.raises(ReadOnlyViolation, match="rejected"):
        run_console(sample_store, cypher)
    assert _counts(sample_store) == before
    assert before[0][0] > 0


def test_text_mentioning_load_csv_is_not_refused(sample_store):
    result = run_console(sample_store, "RETURN 'load csv' AS phrase // LOAD CSV in a comment")
    assert result.rows == (("load csv",),)


def test_rows_are_capped_with_a_note(sample_store):
    result = run_console(sample_store, "MATCH (t:Task) RETURN t.id AS id", limit=3)
    assert len(result.rows) == 3
    assert result.truncated
    assert result.note is not None and "first 3 rows" in result.note
    full = run_console(sample_store, "MATCH (t:Task) RETURN count(t) AS n")
    assert full.note is None and not full.truncated


def test_long_query_is_cancelled(sample_store):
    with pytest.raises(QueryTimeout, match=r"cancelled after 0\.05 s"):
        run_console(sample_store, HEAVY, timeout=0.05)


def test_syntax_error_shows_engine_message(sample_store):
    with pytest.raises(StoreError) as caught:
        run_console(sample_store, "MATCH (a:Agency) RETURN a.name ORDER BY a.name LIMI 2")
    assert "LIMI" in str(caught.value) or "Invalid input" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_parameters_are_typed_from_the_command_line(sample_store):
    params = parse_params(["name=国家知识产权局", "n=2", "flags=[1, 2]"])
    assert params == {"name": "国家知识产权局", "n": 2, "flags": [1, 2]}
    result = run_console(
        sample_store,
        "MATCH (a:Agency {name: $name})-[:RESPONSIBLE]->(t:Task) RETURN count(t) >= $n AS enough",
        params,
    )
    assert result.rows == ((True,),)
    with pytest.raises(StoreError, match="expected NAME=VALUE"):
        parse_params(["novalue"])


def test_query_command_json_csv_and_errors(sample_store):
    cypher = "MATCH (a:Agency {name: $name})-[:LEADS]->(t:Task) RETURN count(t) AS n, $name AS agency"
    args = ["query", cypher, "--param", "name=国家知识产权局"]
    as_json = invoke(sample_store, *args, "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    [row] = json.loads(as_json.output)
    assert row["agency"] == "国家知识产权局" and row["n"] >= 15
    as_csv = invoke(sample_store, *args, "--format", "csv")
    assert as_csv.output.splitlines()[0] == "n,agency"
    refused = invoke(sample_store, "query", "CREATE (:Agency {id: 'x'})")
    assert refused.exit_code != 0
    assert "read-only" in refused.output and "Traceback" not in refused.output
    capped = invoke(sample_store, "query", "MATCH (t:Task) RETURN t.id", "--limit", "2")
    assert "first 2 rows" in capped.output


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(LITERAL_TEXT, st.sampled_from(["LOAD CSV", "load csv from 'x'", "*/ LOAD CSV /*"])))
def test_any_string_literal_runs(sample_store, text):
    """Whatever a string literal holds, even LOAD CSV, it is data: the console runs the query."""
    assert run_console(sample_store, f"RETURN {cypher_literal(text)} AS v").rows == ((text,),)


def test_rendering_formats():
    table = Table(
        ("agency", "aliases", "share"), (("国家知识产权局", ["知识产权局"], 0.12345), ("有关部门", [], None))
    )
    assert json.loads(render(table, "json"))[0] == {
        "agency": "国家知识产权局",
        "aliases": ["知识产权局"],
        "share": 0.12345,
    }
    assert render(table, "csv").splitlines() == [
        "agency,aliases,share",
        '国家知识产权局,"[""知识产权局""]",0.12345',
        "有关部门,[],",
    ]
    assert "知识产权局" in render(table, "table").splitlines()[2]
    assert render(Table(("n",), ()), "table") == "(no rows)  columns: n"
