"""The app's server process: import what the pages need, then hand over to Streamlit's CLI.

Streamlit runs a page's imports inside the first session's first script run, so on a fresh
server the first visitor waited for redis, FalkorDB, psutil and the query modules before the
search page appeared (about 0.4 s of a 2.0 s first render, see benchmarks/NOTES-ui.md).
Importing the store and query modules the UI uses, and building the agency registry, before
the server listens moves that cost to startup, where no page is waiting on it.

Only the layers below the UI are preloaded (`graph`, `loaders`, `queries`: they pull in redis,
FalkorDB and networkx). Nothing that imports st-link-analysis may be: a Streamlit component
registers itself with the server only when first imported inside a script run, so importing it
here would leave the graph's iframe without its files.
`python -m ui.server run ui/app.py …` takes exactly the arguments of `streamlit run`.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path
from typing import Final

from streamlit.web.cli import main

from loaders.agencies import agencies

UI: Final = Path(__file__).parent
PRELOADED: Final = ("graph", "loaders", "queries")
"""The packages below the UI: what the UI's modules import from them is preloaded."""


def ui_imports(ui: Path = UI) -> list[str]:
    """The modules of the PRELOADED packages that the UI's modules and pages import, read from
    their source.

    Reading the sources keeps the list in step with the pages: a page that gains a query module
    has it preloaded without anyone editing a list here.
    """
    names: set[str] = set()
    for script in sorted([*ui.glob("*.py"), *ui.glob("views/*.py")]):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    return sorted(name for name in names if name.split(".")[0] in PRELOADED)


def preload() -> None:
    """Import the pages' query and store modules and build the registry that search resolves
    aliases with."""
    for name in ui_imports():
        importlib.import_module(name)
    agencies()


if __name__ == "__main__":
    preload()
    main(prog_name="streamlit")
