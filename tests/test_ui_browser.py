"""The real app in a real browser: Debian's Chromium driven by Playwright, nothing mocked.

Starts `streamlit run ui/app.py` on a free localhost port against the embedded store holding
`samples/`, opens every page, searches 国家知识产权局, clicks a node in the graph and waits
for its neighbours, runs a console query, and saves screenshots under tests/artifacts/. Every
request the browser makes is routed through a handler that records it, so the test can assert
that none left localhost.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Frame, Page, Route, sync_playwright

from queries.graph_view import documents, neighbourhood
from queries.reader import clauses, document_text
from ui.browser import launch_chromium
from ui.launch import running

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CNIPA = "国家知识产权局"
WAIT_MS = 90_000
CY = "document.getElementById('cy')._cyreg.cy"
LONELIEST_TASK = f"""([candidates, seen]) => {{
    const cy = {CY}, frame = cy.container().getBoundingClientRect();
    const left = Math.max(frame.left, seen.left), right = Math.min(frame.right, seen.right);
    const top = Math.max(frame.top, seen.top), bottom = Math.min(frame.bottom, seen.bottom);
    const inView = p => {{
        const x = p.x + frame.left, y = p.y + frame.top;
        return x > left + 20 && y > top + 20 && x < right - 20 && y < bottom - 20;
    }};
    let best = null, gap = -1;
    cy.nodes('[label = "Task"]').filter(task => candidates.includes(task.id())).forEach(task => {{
        const p = task.renderedPosition();
        if (!inView(p)) return;
        const nearest = Math.min(...cy.nodes().not(task).map(o => {{
            const q = o.renderedPosition();
            return Math.hypot(p.x - q.x, p.y - q.y);
        }}));
        if (nearest > gap) {{ gap = nearest; best = task; }}
    }});
    if (best === null) return null;
    const at = best.renderedPosition();
    return {{id: best.id(), x: at.x + frame.left, y: at.y + frame.top}};
}}"""
"""Of the candidate tasks drawn where the canvas shows on screen (`seen`: the part of the
component's frame inside the browser's viewport), the node farthest from any other, so a real
click cannot hit a neighbour; its position in the component's frame."""


@pytest.fixture(scope="module")
def app_url(sample_store) -> Iterator[str]:
    """The app served from the sample store's data directory on a free localhost port."""
    with running(str(sample_store.root), None) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A fresh page whose every request is recorded; requests off localhost are aborted."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    outside: list[str] = []

    def guard(route: Route) -> None:
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on(
        "request",
        lambda r: None if urlparse(r.url).hostname in LOCAL_HOSTS | {None} else outside.append(r.url),
    )
    yield page, outside
    context.close()


def settle(page: Page) -> None:
    """Wait until Streamlit has finished running the page script."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=WAIT_MS)


def open_from_sidebar(page: Page, title: str) -> None:
    """Switch page the way a user does, keeping the Streamlit session (and its speed)."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    page.get_by_role("heading", name=title, exact=True).wait_for(timeout=WAIT_MS)


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def graph_frame(page: Page) -> Frame:
    """The st-link-analysis iframe, once Cytoscape has drawn nodes in it."""
    page.locator('iframe[title*="st_link_analysis"]').first.wait_for(timeout=WAIT_MS)
    frame = next(f for f in page.frames if "st_link_analysis" in f.url)
    frame.wait_for_function(
        "() => document.getElementById('cy')?._cyreg?.cy?.nodes().length > 0", timeout=WAIT_MS
    )
    return frame


def click_a_task_with_unseen_neighbours(page: Page, frame: Frame, store, shown: list[str]) -> str:
    """Click (with the real mouse) a task whose neighbours are not all drawn yet; its id.

    Only such a task can visibly expand. The 720-px component starts about 430 px down the
    1000-px viewport, and a click below the viewport lands on nothing: that is why the pointer
    used to miss about one run in five (the layout never moves once drawn, since fcose runs
    synchronously with `animate: false`). So the component is scrolled into view and the task
    is picked from the part of the canvas on screen.
    """
    candidates = [
        key
        for key in shown
        if key.startswith("Task:") and any(n.key not in shown for n in neighbourhood(store, key).nodes)
    ]
    assert candidates, "the start view must hold a task with undrawn neighbours"
    component = page.locator('iframe[title*="st_link_analysis"]').first
    component.scroll_into_view_if_needed()
    box = component.bounding_box()
    screen = page.viewport_size
    assert box is not None and screen is not None
    seen = {
        "left": -box["x"],
        "top": -box["y"],
        "right": screen["width"] - box["x"],
        "bottom": screen["height"] - box["y"],
    }
    target = frame.evaluate(LONELIEST_TASK, [candidates, seen])
    assert target is not None, "no task with undrawn neighbours is drawn on screen"
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    frame.wait_for_function(f"() => {CY}.nodes().length > {len(shown)}", timeout=WAIT_MS)
    return str(target["id"])


def richest_document(store) -> str:
    """The id of the document with the most clauses, the reader's most telling page."""
    return max(documents(store), key=lambda d: len(clauses(store, document_text(store, d.id)))).id


@pytest.mark.parametrize("sample_store", ["falkordb"], indirect=True)
def test_every_page_works_in_a_real_browser_without_leaving_localhost(sample_store, app_url, page):
    page, outside = page

    page.goto(app_url)
    page.get_by_role("heading", name="Search").wait_for(timeout=WAIT_MS)
    page.get_by_label("Agency, task text or document").fill(CNIPA)
    page.keyboard.press("Enter")
    page.get_by_text("Agencies (").wait_for(timeout=WAIT_MS)
    page.locator("strong", has_text=CNIPA).first.wait_for(timeout=WAIT_MS)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=WAIT_MS)
    settle(page)
    shot(page, "search")

    open_from_sidebar(page, "Agency profile")
    page.get_by_text("Leads (牵头)").wait_for(timeout=WAIT_MS)
    page.get_by_role("heading", name="Top partners").wait_for(timeout=WAIT_MS)
    settle(page)
    shot(page, "agency")

    page.goto(f"{app_url}/document?doc={richest_document(sample_store)}")
    page.get_by_text("responsibility clauses").first.wait_for(timeout=WAIT_MS)
    page.locator("mark[id^=clause-]").first.wait_for(timeout=WAIT_MS)
    settle(page)
    shot(page, "document")

    open_from_sidebar(page, "Graph")
    frame = graph_frame(page)
    settle(page)
    before = frame.evaluate(f"() => {CY}.nodes().map(n => n.id())")
    task = click_a_task_with_unseen_neighbours(page, frame, sample_store, before)
    unlinked = frame.evaluate(
        f"""before => {{
            const cy = {CY}, task = cy.getElementById({task!r});
            const added = cy.nodes().filter(n => !before.includes(n.id()));
            return [added.length, added.filter(n => n.edgesWith(task).length === 0).map(n => n.id())];
        }}""",
        before,
    )
    assert unlinked[0] > 0 and unlinked[1] == [], "the new nodes must be the clicked task's neighbours"
    settle(page)
    page.wait_for_timeout(800)
    shot(page, "graph")

    open_from_sidebar(page, "Analytics")
    page.get_by_role("heading", name="Communities").wait_for(timeout=WAIT_MS)
    settle(page)
    shot(page, "analytics")

    open_from_sidebar(page, "Cypher console")
    page.get_by_role("textbox", name="Cypher", exact=True).fill(
        f"MATCH (a:Agency {{name: '{CNIPA}'}})-[:LEADS]->(t:Task) RETURN a.name AS agency, t.text AS task"
    )
    page.get_by_role("button", name="Run").click()
    page.get_by_text("rows)").first.wait_for(timeout=WAIT_MS)
    settle(page)
    shot(page, "console")

    assert outside == [], f"requests left localhost: {outside}"
