"""Run `policykg` commands in-process against the very store a fixture holds, on any backend."""

from __future__ import annotations

from click.testing import CliRunner, Result

from graph.store import GraphStore
from policykg import cli


def invoke(store: GraphStore, *args: str) -> Result:
    """`policykg ARGS --db ROOT` for the embedded store, `--neo4j URI` (credentials in env) for Neo4j."""
    if store.dialect == "falkordb":
        return CliRunner().invoke(cli, [*args, "--db", str(store.root)])  # type: ignore[attr-defined]
    settings = store.settings  # type: ignore[attr-defined]
    env = {
        "NEO4J_USER": settings.user,
        "NEO4J_PASSWORD": settings.password,
        "NEO4J_DATABASE": settings.database,
    }
    return CliRunner().invoke(cli, [*args, "--neo4j", settings.uri], env=env)
