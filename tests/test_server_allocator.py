"""The embedded store's server allocates with jemalloc, which keeps a large graph ~15% smaller.

`make test` installs the system's jemalloc (`tools/apt-install libjemalloc2`), so these tests
check that the server really runs on it, and that preloading it leaves a caller's own
`LD_PRELOAD` in place.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from graph.falkor_server import server_environment, server_pid, stop_server
from graph.falkor_store import FalkorStore
from graph.ingest import IngestSummary, write_documents
from tests.synthetic_records import make_document


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "db"
    yield root
    stop_server(root)


def test_server_runs_on_jemalloc_and_serves_what_was_written(db: Path) -> None:
    store = FalkorStore(db)
    write_documents(store, [make_document(1, 3)], IngestSummary())
    pid = server_pid(db)
    assert pid is not None
    libraries = {Path(m.path).name for m in psutil.Process(pid).memory_maps()}
    assert any(name.startswith("libjemalloc") for name in libraries), sorted(libraries)
    assert store.read("MATCH (t:Task) RETURN count(t)", {}).rows == ((3,),)
    store.close()


def test_a_callers_own_preload_is_kept_after_jemalloc() -> None:
    environment = server_environment({"LD_PRELOAD": "libmine.so", "HOME": "/home/me"})
    assert environment["HOME"] == "/home/me"
    assert environment["LD_PRELOAD"].split() == ["libjemalloc.so.2", "libmine.so"]
