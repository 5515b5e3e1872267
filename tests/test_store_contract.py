"""The GraphStore contract, written once against the interface and run on every backend."""

from __future__ import annotations

import pytest

from graph.store import QueryTimeout, ReadOnlyViolation, Statement, StoreError

TRICKY = '国家知识产权局"牵头" \' \\ $x // MATCH (n) DETACH DELETE n'


def count(store, label: str) -> int:
    return store.read(f"MATCH (n:{label}) RETURN count(n) AS n").rows[0][0]


def test_write_then_read_returns_plain_values(fresh_store):
    fresh_store.write(
        [
            Statement(
                "UNWIND $rows AS r MERGE (t:Task {id: r.id}) SET t.text = r.text",
                {"rows": [{"id": "t1", "text": TRICKY}]},
            ),
            Statement(
                "MATCH (t:Task {id: $id}) MERGE (a:Agency {id: 'a1', name: '科技部'}) "
                "MERGE (a)-[:LEADS {mention: '科技部'}]->(t)",
                {"id": "t1"},
            ),
        ]
    )
    result = fresh_store.read(
        "MATCH (a:Agency)-[e:LEADS]->(t:Task {id: $id}) "
        "RETURN t AS task, e AS edge, [1, 2] AS xs, {k: a.name} AS m",
        {"id": "t1"},
    )
    assert result.columns == ("task", "edge", "xs", "m")
    [record] = result.records()
    assert record["task"] == {"labels": ["Task"], "properties": {"id": "t1", "text": TRICKY}}
    assert record["edge"]["type"] == "LEADS" and record["edge"]["properties"] == {"mention": "科技部"}
    assert record["xs"] == [1, 2] and record["m"] == {"k": "科技部"}


def test_statements_of_one_write_share_parameter_names_safely(fresh_store):
    fresh_store.write(
        [
            Statement("CREATE (:Date {value: $v})", {"v": "2021-01-01"}),
            Statement("CREATE (:Date {value: $v})", {"v": "2022-01-01"}),
        ]
    )
    values = fresh_store.read("MATCH (d:Date) RETURN d.value ORDER BY d.value").rows
    assert values == (("2021-01-01",), ("2022-01-01",))


def test_failing_write_leaves_nothing_behind(fresh_store):
    with pytest.raises(StoreError):
        fresh_store.write(
            [
                Statement("CREATE (:Task {id: 'kept?'})"),
                Statement("UNWIND [1, 0] AS z CREATE (:Task {id: toString(1 / z)})"),
            ]
        )
    assert count(fresh_store, "Task") == 0


def test_read_refuses_to_write(fresh_store):
    with pytest.raises(ReadOnlyViolation):
        fresh_store.read("CREATE (:Task {id: 'sneaky'})")
    assert count(fresh_store, "Task") == 0


def test_read_timeout_cancels(fresh_store):
    with pytest.raises(QueryTimeout):
        fresh_store.read(
            "UNWIND range(1, 5000) AS a UNWIND range(1, 5000) AS b "
            "WITH a * b AS x WHERE x % 7 = 99 RETURN count(x)",
            timeout=0.05,
        )


def test_limit_truncates_and_says_so(fresh_store):
    fresh_store.write([Statement("UNWIND range(1, 5) AS i CREATE (:Task {id: toString(i)})")])
    result = fresh_store.read("MATCH (t:Task) RETURN t.id AS id", limit=3)
    assert len(result.rows) == 3 and result.truncated
    assert not fresh_store.read("MATCH (t:Task) RETURN t.id AS id", limit=5).truncated


def test_bad_query_is_a_one_line_store_error(fresh_store):
    with pytest.raises(StoreError) as raised:
        fresh_store.read("MATCH (n RETURN n")
    assert "\n" not in str(raised.value)


def test_ensure_schema_is_repeatable(fresh_store):
    fresh_store.ensure_schema()
    fresh_store.ensure_schema()
    fresh_store.write([Statement("MERGE (:Agency {id: 'x'})"), Statement("MERGE (:Agency {id: 'x'})")])
    assert count(fresh_store, "Agency") == 1
