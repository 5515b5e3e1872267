"""UI figures through the real browser: first render of the search page, a 500-node graph.

Streamlit renders in the browser, so only a browser can say when a page is usable. The app
runs in its own process against a benchmark store; Debian's Chromium (driven by Playwright,
no browser download) times (a) a fresh session's search page from navigation until the
script has finished and the heading is drawn, and (b) the console's graph view until
Cytoscape holds every node of a query returning about 500 distinct nodes.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

from graph.open_store import open_store
from ui.browser import launch_chromium
from ui.launch import running

WAIT_MS = 120_000
GRAPH_NODES = 500
CY_NODES = "document.getElementById('cy')?._cyreg?.cy?.nodes().length ?? 0"
PATHS = "MATCH (a:Agency)-[r:CO_RESPONSIBLE]->(t:Task) RETURN a, r, t LIMIT $rows"


def _settled(page: Page) -> None:
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=WAIT_MS)


def _search_render(page: Page, url: str) -> float:
    start_at = time.perf_counter()
    page.goto(url)
    page.get_by_role("heading", name="Search").wait_for(timeout=WAIT_MS)
    _settled(page)
    return time.perf_counter() - start_at


def _rows_for_nodes(db: Path, nodes: int) -> tuple[int, int]:
    """Rows it takes to draw `nodes` distinct nodes (fewer on a small store), and the count."""
    store = open_store(db, read_only=True)
    try:
        rows = store.read(PATHS, {"rows": nodes * 4}).rows
    finally:
        store.close()
    seen: set[str] = set()
    for index, (agency, _, task) in enumerate(rows, start=1):
        seen.update((agency["properties"]["id"], task["properties"]["id"]))
        if len(seen) >= nodes:
            return index, len(seen)
    return len(rows), len(seen)


def _graph_render(page: Page, rows: int, nodes: int) -> float:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Cypher console", exact=True).click()
    page.get_by_role("heading", name="Cypher console", exact=True).wait_for(timeout=WAIT_MS)
    page.get_by_role("textbox", name="Cypher", exact=True).fill(PATHS.replace("$rows", str(rows)))
    start_at = time.perf_counter()
    page.get_by_role("button", name="Run").click()
    page.get_by_role("tab", name="Graph").click()
    page.locator('iframe[title*="st_link_analysis"]').first.wait_for(timeout=WAIT_MS)
    frame = next(f for f in page.frames if "st_link_analysis" in f.url)
    frame.wait_for_function(f"() => ({CY_NODES}) >= {nodes}", timeout=WAIT_MS)
    return time.perf_counter() - start_at


def measure_ui(db: Path) -> dict[str, Any]:
    """Seconds to a usable search page (cold and warm session) and to a ~500-node graph."""
    rows, nodes = _rows_for_nodes(db, GRAPH_NODES)
    with running(str(db), None) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            cold = browser.new_page(viewport={"width": 1400, "height": 1000})
            first = _search_render(cold, url)
            warm = browser.new_page(viewport={"width": 1400, "height": 1000})
            second = _search_render(warm, url)
            graph = _graph_render(warm, rows, nodes)
        finally:
            browser.close()
    return {
        "search_first_render_cold_s": round(first, 3),
        "search_first_render_s": round(second, 3),
        "graph_nodes": nodes,
        "graph_render_s": round(graph, 3),
    }
