"""Network analytics over who works with whom: centrality, communities and load per agency.

The graph store answers single questions; the shape of the whole responsibility network
(which ministries broker between others, which cluster together) is a job for networkx. One
function reads the agency–task graph out of a store; everything else is a pure function
over networkx graphs, so the UI and tests can call them on any graph.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.schema import ROLE_OF
from graph.store import GraphStore

AGENCY = "agency"
TASK = "task"
GENERIC_KIND = "generic"

_RESPONSIBILITIES = """
MATCH (a:Agency)-[r:LEADS|CO_RESPONSIBLE|RESPONSIBLE]->(t:Task)
RETURN a.id AS agency_id, a.name AS name, a.kind AS kind, type(r) AS rel, t.id AS task_id,
       t.document_id AS document_id
"""


@dataclass(frozen=True)
class AgencyMetrics:
    """One agency's place in the co-responsibility network and its load by role."""

    agency: str
    kind: str | None
    leads: int
    co: int
    sole: int
    partners: int
    shared_tasks: int
    betweenness: float
    pagerank: float
    community: int


def agency_task_graph(store: GraphStore) -> nx.Graph:
    """The bipartite agency–task graph: nodes ("agency", id) and ("task", id), edges carry `role`."""
    graph = nx.Graph()
    for row in store.read(_RESPONSIBILITIES).records():
        agency = (AGENCY, row["agency_id"])
        task = (TASK, row["task_id"])
        graph.add_node(agency, bipartite=0, name=row["name"], kind=row["kind"])
        graph.add_node(task, bipartite=1, document_id=row["document_id"])
        graph.add_edge(agency, task, role=ROLE_OF[row["rel"]])
    return graph


def agencies_of(graph: nx.Graph, include_generic: bool = False) -> list[tuple[str, str]]:
    """The agency nodes, leaving out generic bodies (有关部门 …) unless asked for."""
    return [
        node
        for node, data in graph.nodes(data=True)
        if node[0] == AGENCY and (include_generic or data.get("kind") != GENERIC_KIND)
    ]


def co_responsibility_network(graph: nx.Graph, include_generic: bool = False) -> nx.Graph:
    """Agencies joined when named on the same task; `weight` counts the tasks they share.

    This is the bipartite graph's weighted projection onto its agency side.
    """
    agencies = agencies_of(graph, include_generic)
    kept = graph.subgraph([*agencies, *(node for node in graph if node[0] == TASK)])
    network = nx.bipartite.weighted_projected_graph(kept, agencies)
    for _, _, data in network.edges(data=True):
        data["distance"] = 1.0 / data["weight"]
    return network


def load(graph: nx.Graph, agency: tuple[str, str]) -> dict[str, int]:
    """How many tasks `agency` leads, co-owns and solely owns."""
    counts = {"leads": 0, "co": 0, "sole": 0}
    for _, _, role in graph.edges(agency, data="role"):
        counts[role] += 1
    return counts


def communities(network: nx.Graph) -> list[set[tuple[str, str]]]:
    """Louvain communities on shared-task weights, largest first; seeded so runs agree."""
    found = nx.community.louvain_communities(network, weight="weight", seed=0)
    return sorted(found, key=lambda c: (-len(c), sorted(c)))


def agency_metrics(graph: nx.Graph, include_generic: bool = False) -> list[AgencyMetrics]:
    """Every agency's load, partners, betweenness, PageRank and community, by PageRank."""
    network = co_responsibility_network(graph, include_generic)
    if network.number_of_nodes() == 0:
        return []
    betweenness = nx.betweenness_centrality(network, weight="distance")
    pagerank = nx.pagerank(network, weight="weight")
    community_of = {node: i for i, members in enumerate(communities(network)) for node in members}
    rows = [
        AgencyMetrics(
            agency=graph.nodes[node]["name"],
            kind=graph.nodes[node]["kind"],
            **load(graph, node),
            partners=network.degree(node),
            shared_tasks=network.degree(node, weight="weight"),
            betweenness=round(betweenness[node], 6),
            pagerank=round(pagerank[node], 6),
            community=community_of[node],
        )
        for node in network.nodes
    ]
    return sorted(rows, key=lambda r: (-r.pagerank, r.agency))


def analyse(store: GraphStore, include_generic: bool = False) -> list[AgencyMetrics]:
    """The `policykg analyse` table: metrics for every agency in the store."""
    return agency_metrics(agency_task_graph(store), include_generic)
