"""policykg: the composition root and command-line interface.

Every command is a thin skin over the library: it parses options, opens a store, calls
`loaders`, `graph` or `queries`, and prints in the requested `--format`. Errors reach the
user as one line naming the file or query and the reason, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="policykg")
def cli() -> None:
    """Build and query a knowledge graph of Chinese policy documents and their agencies."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
def extract(files: tuple[str, ...], fmt: str) -> None:
    """Print every responsibility clause in FILES (txt, html, docx, pdf; directories recurse)."""
    import json
    from pathlib import Path

    from graph.ingest import collect_files
    from loaders.clause_rows import clause_rows, render_table
    from loaders.collector import rare_collections
    from loaders.pipeline import LoadError, load_file

    # A directory gives the files ingest would load from it; any other path is read as given,
    # so a missing or unreadable file is reported in its turn, by the reader's reason.
    paths = [p for f in map(Path, files) for p in (collect_files([f])[0] if f.is_dir() else [f])]
    rows = []
    failed = False
    with rare_collections():  # many files' rows are held: the collector's passes would walk them all
        for path in paths:
            try:
                file_rows = clause_rows(load_file(path))
            except LoadError as err:
                click.echo(f"policykg: {err}", err=True)
                failed = True
                continue
            if fmt == "jsonl":
                for row in file_rows:
                    click.echo(json.dumps(row, ensure_ascii=False))
            rows.extend(file_rows)
    if fmt == "table":
        click.echo(render_table(rows))
    if failed:
        raise SystemExit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--db", type=click.Path(file_okay=False, path_type=str), help="Embedded store directory.")
@click.option("--neo4j", help="Neo4j URI instead of the embedded store.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Loader processes [default: one per core for large inputs, none for small ones].",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def ingest(paths: tuple[str, ...], db: str | None, neo4j: str | None, workers: int | None, fmt: str) -> None:
    """Load PATHS (files; directories recurse) into the graph, one transaction per document."""
    from pathlib import Path

    from graph.ingest import ingest_paths, render_summary
    from graph.open_store import open_store
    from graph.store import StoreError

    try:
        store = open_store(Path(db) if db else None, neo4j)
        try:
            summary = ingest_paths(store, [Path(p) for p in paths], workers)
        finally:
            store.close()
    except StoreError as err:
        raise click.ClickException(str(err)) from None
    click.echo(render_summary(summary, fmt))


@cli.command("copy")
@click.option(
    "--from",
    "source",
    required=True,
    type=click.Path(file_okay=False, exists=True, path_type=str),
    help="Embedded store directory to copy from.",
)
@click.option("--to-neo4j", "target", required=True, envvar="NEO4J_URI", help="Neo4j URI to copy into.")
@click.option("--replace", is_flag=True, help="Empty the Neo4j database first.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def copy_command(source: str, target: str, replace: bool, fmt: str) -> None:
    """Copy an embedded graph into Neo4j (credentials from NEO4J_USER / NEO4J_PASSWORD)."""
    from pathlib import Path

    from graph.copy import copy_graph, render_report
    from graph.neo4j_store import open_neo4j
    from graph.open_store import open_store
    from graph.store import StoreError

    try:
        with open_neo4j(target) as neo4j_store:
            if replace:
                neo4j_store.clear()
            neo4j_store.ensure_schema()
            embedded = open_store(Path(source), read_only=True)
            try:
                report = copy_graph(embedded, neo4j_store)
            finally:
                embedded.close()
    except StoreError as err:
        raise click.ClickException(str(err)) from None
    click.echo(render_report(report, fmt))
    if not report.identical:
        raise SystemExit(1)


_TABULAR = click.Choice(["table", "json", "csv"])


def _store_options(command: Any) -> Any:
    """`--db DIR | --neo4j URI`, shared by the commands that read the graph."""
    command = click.option("--neo4j", help="Neo4j URI instead of the embedded store.")(command)
    return click.option(
        "--db", type=click.Path(file_okay=False, path_type=str), help="Embedded store directory."
    )(command)


@contextmanager
def _reading(db: str | None, neo4j: str | None) -> Iterator[Any]:
    """A read-only store for one command; store errors become one-line messages."""
    from pathlib import Path

    from graph.open_store import open_store
    from graph.store import StoreError

    try:
        store = open_store(Path(db) if db else None, neo4j, read_only=True)
        try:
            yield store
        finally:
            store.close()
    except StoreError as err:
        raise click.ClickException(str(err)) from None


@cli.command()
@click.argument("cypher")
@click.option(
    "--param", "params", multiple=True, metavar="K=V", help="Query parameter $K (JSON value or text)."
)
@click.option("--format", "fmt", type=_TABULAR, default="table", show_default=True)
@click.option(
    "--limit", type=click.IntRange(min=1), default=1000, show_default=True, help="Rows to show at most."
)
@click.option("--timeout", type=click.FloatRange(min=0.001), default=10.0, show_default=True, help="Seconds.")
@_store_options
def query(
    cypher: str,
    params: tuple[str, ...],
    fmt: str,
    limit: int,
    timeout: float,
    db: str | None,
    neo4j: str | None,
) -> None:
    """Run a read-only Cypher query (writes are rejected by the engine)."""
    from queries.console import parse_params, run_console
    from queries.formatting import Table, render

    with _reading(db, neo4j) as store:
        result = run_console(store, cypher, parse_params(params), limit, timeout)
    click.echo(render(Table(result.columns, result.rows), fmt))
    if result.note:
        click.echo(f"policykg: {result.note}", err=True)


@cli.command()
@click.argument("name", required=False)
@click.option("--param", "params", multiple=True, metavar="K=V", help="Parameter of the question.")
@click.option("--list", "show_list", is_flag=True, help="List the questions with their parameters.")
@click.option("--format", "fmt", type=_TABULAR, default="table", show_default=True)
@_store_options
def ask(
    name: str | None, params: tuple[str, ...], show_list: bool, fmt: str, db: str | None, neo4j: str | None
) -> None:
    """Ask a canned question, e.g. `ask agency-tasks --param agency=国家知识产权局 --param role=leads`."""
    from queries.canned import CANNED, ask_table, catalogue
    from queries.console import parse_params
    from queries.formatting import render

    if show_list or name is None:
        click.echo(render(catalogue(), fmt))
        return
    if name not in CANNED:
        raise click.ClickException(f"no canned question {name!r}; `policykg ask --list` shows them")
    with _reading(db, neo4j) as store:
        table = ask_table(store, name, parse_params(params))
    click.echo(render(table, fmt))


@cli.command()
@click.option("--include-generic", is_flag=True, help="Keep generic bodies such as 有关部门 in the network.")
@click.option("--format", "fmt", type=_TABULAR, default="table", show_default=True)
@_store_options
def analyse(include_generic: bool, fmt: str, db: str | None, neo4j: str | None) -> None:
    """Agency centrality, communities and load on the co-responsibility network."""
    from queries.analytics import AgencyMetrics, analyse
    from queries.formatting import Table, render

    with _reading(db, neo4j) as store:
        rows = analyse(store, include_generic)
    click.echo(render(Table.of(AgencyMetrics, rows), fmt))


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "csv", "neo4j-admin", "json", "cypher"]),
    required=True,
)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=str), default="policykg-export", show_default=True
)
@_store_options
def export_command(fmt: str, out: str, db: str | None, neo4j: str | None) -> None:
    """Write the whole graph for Gephi, neo4j-admin, cypher-shell or spreadsheets into --out."""
    from pathlib import Path

    from queries.export import export

    with _reading(db, neo4j) as store:
        paths = export(store, fmt, Path(out))
    for path in paths:
        click.echo(str(path))


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True, help="Local port.")
@_store_options
def ui(port: int, db: str | None, neo4j: str | None) -> None:
    """Open the Streamlit app on http://localhost:PORT (headless, no usage statistics)."""
    from ui.launch import serve

    if db and neo4j:
        raise click.ClickException("choose one store: --db DIR or --neo4j URI, not both")
    click.echo(f"policykg: UI on http://localhost:{port} (Ctrl+C to stop)", err=True)
    serve(db, neo4j, port)


@cli.group()
def agencies() -> None:
    """The agency registry: resolve names, list mentions it does not know."""


@agencies.command("unknown")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def agencies_unknown(files: tuple[str, ...], fmt: str) -> None:
    """List agency mentions in FILES (or directories) the registry does not know, with counts."""
    import json
    from pathlib import Path

    from graph.ingest import collect_files
    from loaders.agency_report import render_table, report_dict, unknown_report
    from loaders.pipeline import LoadError, load_file

    paths, skipped = collect_files(Path(f) for f in files)
    for name, reason in skipped:
        click.echo(f"policykg: {name}: {reason}", err=True)
    documents = []
    failed = bool(skipped)
    for path in paths:
        try:
            documents += load_file(path)
        except LoadError as err:
            click.echo(f"policykg: {err}", err=True)
            failed = True
    report = unknown_report(documents)
    if fmt == "json":
        click.echo(json.dumps(report_dict(report), ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(report))
    if failed:
        raise SystemExit(1)


@agencies.command("list")
@click.option("--level", help="Only bodies of this level, e.g. 部委 or 直属机构.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def agencies_list(level: str | None, fmt: str) -> None:
    """List the registry: id, canonical name, level, short names."""
    import json
    from dataclasses import asdict

    from loaders.agencies import agencies as registry

    entries = [a for a in registry() if level is None or a.level == level]
    for entry in entries:
        if fmt == "json":
            click.echo(json.dumps(asdict(entry), ensure_ascii=False, default=str))
        else:
            click.echo(f"{entry.id}\t{entry.name}\t{entry.level}\t{'、'.join(entry.short_names)}")


@agencies.command("resolve")
@click.argument("mentions", nargs=-1, required=True)
@click.option("--date", "as_of", type=click.DateTime(["%Y-%m-%d"]), help="The document's date.")
@click.option("--place", help="The document's own place, for relative names such as 区司法局.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def agencies_resolve(mentions: tuple[str, ...], as_of: Any, place: str | None, fmt: str) -> None:
    """Show how each of MENTIONS resolves (canonical name, id, kind, level)."""
    import json
    from dataclasses import asdict

    from loaders.agencies import normalise

    refs = [normalise(m, as_of.date() if as_of else None, place) for m in mentions]
    for ref in refs:
        if fmt == "json":
            click.echo(json.dumps(asdict(ref), ensure_ascii=False))
        else:
            click.echo(f"{ref.mention}\t{ref.name or '-'}\t{ref.id or '-'}\t{ref.kind}\t{ref.level or '-'}")


def main() -> None:
    """Console-script entry point."""
    cli()


if __name__ == "__main__":
    main()
