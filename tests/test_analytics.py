"""Network analytics: the co-responsibility network agrees with Cypher and with hand counts."""

from __future__ import annotations

import networkx as nx

from queries import canned
from queries.analytics import (
    AGENCY,
    TASK,
    agency_metrics,
    agency_task_graph,
    co_responsibility_network,
    communities,
    load,
)
from tests.cli_support import invoke


def _bipartite(edges: list[tuple[str, str, str]], generic: frozenset[str] = frozenset()) -> nx.Graph:
    """A hand-built agency–task graph from (agency, task, role) triples."""
    graph = nx.Graph()
    for agency, task, role in edges:
        kind = "generic" if agency in generic else "agency"
        graph.add_node((AGENCY, agency), bipartite=0, name=agency, kind=kind)
        graph.add_node((TASK, task), bipartite=1, document_id="d")
        graph.add_edge((AGENCY, agency), (TASK, task), role=role)
    return graph


# A and B share t1 and t2, B and C share t3; 有关部门 joins t3 but is generic.
CHAIN = _bipartite(
    [
        ("A", "t1", "leads"),
        ("B", "t1", "co"),
        ("A", "t2", "leads"),
        ("B", "t2", "co"),
        ("B", "t3", "leads"),
        ("C", "t3", "co"),
        ("有关部门", "t3", "co"),
    ],
    generic=frozenset({"有关部门"}),
)


def test_projection_weights_count_shared_tasks():
    network = co_responsibility_network(CHAIN)
    assert sorted((a[1], b[1], w) for a, b, w in network.edges(data="weight")) == [
        ("A", "B", 2),
        ("B", "C", 1),
    ]
    with_generic = co_responsibility_network(CHAIN, include_generic=True)
    assert with_generic.has_edge((AGENCY, "C"), (AGENCY, "有关部门"))


def test_metrics_on_a_chain():
    metrics = {m.agency: m for m in agency_metrics(CHAIN)}
    assert set(metrics) == {"A", "B", "C"}
    assert metrics["B"].betweenness == 1.0
    assert metrics["A"].betweenness == metrics["C"].betweenness == 0.0
    assert (metrics["B"].leads, metrics["B"].co, metrics["B"].partners, metrics["B"].shared_tasks) == (
        1,
        2,
        2,
        3,
    )
    assert max(metrics.values(), key=lambda m: m.pagerank).agency == "B"
    assert load(CHAIN, (AGENCY, "A")) == {"leads": 2, "co": 0, "sole": 0}


def test_communities_split_two_cliques():
    edges = (
        [(a, "x", "co") for a in "PQR"]
        + [(a, "y", "co") for a in "STU"]
        + [("R", "z", "co"), ("S", "z", "co")]
    )
    found = communities(co_responsibility_network(_bipartite(edges)))
    assert [sorted(n[1] for n in c) for c in found] == [["P", "Q", "R"], ["S", "T", "U"]]


def test_store_graph_matches_cypher(sample_store):
    graph = agency_task_graph(sample_store)
    [[responsibilities]] = sample_store.read(
        "MATCH (:Agency)-[r:LEADS|CO_RESPONSIBLE|RESPONSIBLE]->(:Task) RETURN count(r) AS n"
    ).rows
    assert graph.number_of_edges() == responsibilities
    assert nx.is_bipartite(graph)
    network = co_responsibility_network(graph)
    names = {node: data["name"] for node, data in network.nodes(data=True)}
    weights = {frozenset((names[a], names[b])): w for a, b, w in network.edges(data="weight")}
    pairs = canned.co_responsible_pairs(sample_store, limit=30)
    assert {frozenset((p.agency_a, p.agency_b)): p.tasks for p in pairs} == {
        frozenset((p.agency_a, p.agency_b)): weights[frozenset((p.agency_a, p.agency_b))] for p in pairs
    }
    assert weights[frozenset(("中共中央宣传部", "国家知识产权局"))] >= 22


def test_ip_office_is_most_central_in_samples(sample_store):
    metrics = agency_metrics(agency_task_graph(sample_store))
    top = metrics[0]
    assert top.agency == "国家知识产权局"
    [profile] = canned.agency_profile(sample_store, "国家知识产权局")
    assert (top.leads, top.co, top.sole) == (profile.leads, profile.co, profile.sole)
    assert all(0.0 <= m.betweenness <= 1.0 for m in metrics)
    assert abs(sum(m.pagerank for m in metrics) - 1.0) < 1e-3


def test_analyse_command_csv(sample_store):
    result = invoke(sample_store, "analyse", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "agency,kind,leads,co,sole,partners,shared_tasks,betweenness,pagerank,community"
    assert lines[1].startswith("国家知识产权局,")
