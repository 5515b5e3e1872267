"""Store fixtures shared by every test file: `fresh_store` and `sample_store`, per backend.

Both are parametrised over the store backends: the embedded FalkorDB store always, plus any
backend plugin module `tests/store_backend_<name>.py` present, which defines a session fixture
`store_factory_<name>` returning `make(directory) -> GraphStore` (an empty store) and tears its
stores down itself. So a backend joins every store test by adding one module, and the contract
is written once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph.falkor_server import stop_server
from graph.falkor_store import FalkorStore
from graph.ingest import ingest_paths
from graph.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TEST_SERVER_IDLE_SECONDS = 120.0
"""Servers outlive a killed pytest by at most this long: their watchdog stops them."""

_PLUGIN_PREFIX = "store_backend_"
pytest_plugins = sorted(f"tests.{p.stem}" for p in Path(__file__).parent.glob(f"{_PLUGIN_PREFIX}*.py"))
BACKENDS = ["falkordb", *(name.removeprefix(f"tests.{_PLUGIN_PREFIX}") for name in pytest_plugins)]

StoreFactory = Callable[[Path], GraphStore]


@pytest.fixture(scope="session")
def store_factory_falkordb() -> Iterator[StoreFactory]:
    """Empty embedded stores in fresh directories; their servers stop at the end of the session."""
    roots: list[Path] = []

    def make(directory: Path) -> GraphStore:
        roots.append(directory)
        store = FalkorStore(directory, idle_seconds=TEST_SERVER_IDLE_SECONDS)
        store.ensure_schema()
        return store

    yield make
    for root in roots:
        stop_server(root)


@pytest.fixture(params=BACKENDS)
def fresh_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each backend, for one test."""
    store: GraphStore = request.getfixturevalue(f"store_factory_{request.param}")(tmp_path / "db")
    yield store
    store.close()


@pytest.fixture(scope="session", params=BACKENDS)
def sample_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    """A store of each backend with samples/ ingested once per session; tests only read it."""
    store: GraphStore = request.getfixturevalue(f"store_factory_{request.param}")(
        tmp_path_factory.mktemp("sample") / "db"
    )
    ingest_paths(store, [SAMPLES])
    yield store
    store.close()
