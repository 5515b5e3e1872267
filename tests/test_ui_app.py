"""The UI's pages and their logic on the sample corpus, through Streamlit's AppTest.

AppTest runs the real page scripts against the real embedded store holding `samples/`; it
cannot click inside the graph component, so the click-to-expand rules are tested as the plain
functions of `ui.graph_model` fed by real neighbourhoods from the store.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import st_link_analysis
from streamlit.testing.v1 import AppTest

from graph.ingest import IngestSummary, write_documents
from graph.schema import AGENCY, DOCUMENT, TASK
from queries.canned import DEFAULT_LIMIT, agency_profile, agency_tasks
from queries.graph_view import agency_key, documents, neighbourhood, node_key
from queries.reader import ClauseMark, clauses, document_text
from queries.search import search
from tests.synthetic_records import LEAD, make_document
from ui import graph_model as model
from ui import state
from ui.highlight import highlighted_html
from ui.result_graph import result_elements
from ui.store import SESSION_STORE

APP = Path(__file__).resolve().parents[1] / "ui" / "app.py"
CNIPA = "国家知识产权局"


def open_page(store, page: str | None = None) -> AppTest:
    """The app with `store` in its session, switched to `views/<page>` when given."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state[SESSION_STORE] = store
    at.run()
    if page is not None:
        at.switch_page(f"views/{page}").run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="module")
def cnipa_leads(sample_store) -> int:
    """How many tasks 国家知识产权局 leads, as the canned question answers it."""
    led = {t.task_id for t in agency_tasks(sample_store, CNIPA, role="leads")}
    assert led
    return len(led)


@pytest.fixture(scope="module")
def cnipa(sample_store) -> str:
    key = agency_key(sample_store, CNIPA)
    assert key is not None
    return key


def test_search_groups_agencies_tasks_and_documents(sample_store):
    at = open_page(sample_store)
    at.text_input(key="search_text").input(CNIPA).run()
    assert not at.exception and not at.error
    headers = [h.value for h in at.subheader]
    assert any(h.startswith("Agencies (") for h in headers)
    assert any(h.startswith("Tasks (") and h != "Tasks (0)" for h in headers)
    assert any(CNIPA in m.value for m in at.markdown)


def test_search_finds_an_agency_by_its_short_alias(sample_store):
    at = open_page(sample_store)
    at.text_input(key="search_text").input("知识产权局").run()
    assert any(m.value.startswith(f"**{CNIPA}**") for m in at.markdown)


def test_search_marks_groups_cut_at_the_limit(sample_store):
    found = search(sample_store, CNIPA, limit=1)
    assert len(found.tasks) == 1 and "tasks" in found.cut
    assert [a.name for a in found.agencies] == [CNIPA] and "agencies" not in found.cut


def test_search_for_nothing_says_so(sample_store):
    at = open_page(sample_store)
    at.text_input(key="search_text").input("没有这个词语的文件").run()
    assert at.info and "Nothing matches" in at.info[0].value


def test_agency_profile_counts_roles_and_filters_tasks(sample_store):
    at = open_page(sample_store, "agency.py")
    assert at.header[0].value == CNIPA
    profile = agency_profile(sample_store, CNIPA)[0]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Leads (牵头)"] == str(profile.leads) and metrics["Co-responsible"] == str(profile.co)
    at.multiselect[0].set_value(["leads"]).run()
    tasks = at.dataframe[0].value
    assert len(tasks) == len(agency_tasks(sample_store, CNIPA, role="leads"))
    assert set(tasks["role"]) == {"leads"}
    assert len(at.get("download_button")) >= 2


def test_agency_tasks_beyond_one_page_come_with_show_more(fresh_store):
    """The table holds the canned default of tasks at first, and every task after "Show more"."""
    page, total = DEFAULT_LIMIT, DEFAULT_LIMIT + 5
    write_documents(fresh_store, [make_document(1, total)], IngestSummary())
    at = open_page(fresh_store, "agency.py")
    at.text_input[0].input(LEAD.mention).run()
    assert len(at.dataframe[0].value) == page
    assert f"Tasks ({page}+)" in [h.value for h in at.subheader]
    next(b for b in at.button if b.label == f"Show {page} more tasks").click().run()
    assert not at.exception
    assert len(at.dataframe[0].value) == total
    assert f"Tasks ({total})" in [h.value for h in at.subheader]
    assert all("more tasks" not in b.label for b in at.button)


def test_agency_profile_of_unknown_agency_warns(sample_store):
    at = open_page(sample_store, "agency.py")
    at.text_input[0].input("不存在的委员会").run()
    assert not at.exception and "No agency" in at.warning[0].value


def test_document_reader_highlights_every_located_clause(sample_store):
    richest = max(
        documents(sample_store), key=lambda d: len(clauses(sample_store, document_text(sample_store, d.id)))
    )
    marks = clauses(sample_store, document_text(sample_store, richest.id))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state[SESSION_STORE] = sample_store
    at.session_state[state.DOCUMENT] = richest.id
    at.run()
    at.switch_page("views/document.py").run()
    assert not at.exception and not at.error
    html = next(h.proto.body for h in at.get("html"))
    assert html.count("<mark id=") == sum(1 for m in marks if m.start is not None) > 0
    assert any(m.value.startswith(f"{len(marks)} responsibility clauses") for m in at.markdown)


def test_a_clause_link_opens_its_details(sample_store):
    info, mark = next(
        (d, m)
        for d in documents(sample_store)
        for m in clauses(sample_store, document_text(sample_store, d.id))
        if m.start is not None
    )
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state[SESSION_STORE] = sample_store
    at.run()
    at.switch_page("views/document.py")
    at.query_params["doc"] = info.id
    at.query_params["clause"] = str(mark.number)
    at.run()
    assert not at.exception and not at.error
    assert f"Clause {mark.number}" in [h.value for h in at.subheader]
    assert any(m.value == f"**Clause:** {mark.clause}" for m in at.markdown)


def test_clauses_are_located_inside_their_document(sample_store):
    for info in documents(sample_store):
        document = document_text(sample_store, info.id)
        for mark in clauses(sample_store, document):
            if mark.start is not None:
                assert document.text[mark.start : mark.end] == mark.clause


def test_highlight_escapes_text_and_links_each_clause():
    text = "加强<保护>（国家知识产权局负责）。"
    clause = "（国家知识产权局负责）"
    start = text.index(clause)
    mark = ClauseMark(
        1,
        "t1",
        "加强保护",
        clause,
        "parenthetical",
        3,
        None,
        None,
        (),
        (),
        (CNIPA,),
        start,
        start + len(clause),
    )
    html = highlighted_html(text, [mark], "doc-1", selected=1)
    assert "&lt;保护&gt;" in html and "?doc=doc-1&amp;clause=1" in html and clause in html


def test_graph_page_starts_at_an_agency_with_its_tasks(sample_store, cnipa, cnipa_leads):
    at = open_page(sample_store, "graph.py")
    assert not at.error
    view = at.session_state["graph_view"]
    assert cnipa in view.nodes and cnipa in view.expanded
    assert sum(1 for e in view.edges.values() if e.role == "leads" and e.source == cnipa) == cnipa_leads


def test_graph_page_reports_an_unknown_start_agency(sample_store):
    at = open_page(sample_store, "graph.py")
    at.text_input[0].input("不存在的委员会").run()
    assert not at.exception and "no agency called" in at.error[0].value


def test_clicking_a_task_expands_it_once(sample_store, cnipa):
    view = model.expand(model.GraphView(), neighbourhood(sample_store, cnipa), cnipa)
    task = next(e.target for e in view.edges.values() if e.role == "leads")
    click = {
        "action": model.CLICK_EVENT,
        "data": {"target_id": task, "target_group": "nodes"},
        "timestamp": 5,
    }
    action = model.read_action(view, click)
    assert action is not None and model.needs_expanding(view, action) == (task,)
    grown = model.handled(model.expand(view, neighbourhood(sample_store, task), task), action)
    assert len(grown.nodes) > len(view.nodes) and grown.layout_runs == view.layout_runs + 1
    assert any(n.label == DOCUMENT for n in grown.nodes.values())
    assert model.read_action(grown, click) is None  # the component's sticky value is not replayed
    double = {"action": "expand", "data": {"node_ids": [task]}, "timestamp": 6}
    second = model.read_action(grown, double)
    assert second is not None and model.needs_expanding(grown, second) == ()


def test_removing_a_node_drops_its_edges(sample_store, cnipa):
    view = model.expand(model.GraphView(), neighbourhood(sample_store, cnipa), cnipa)
    task = next(k for k, n in view.nodes.items() if n.label == TASK)
    smaller = model.remove(view, (task,))
    assert task not in smaller.nodes
    assert all(task not in (e.source, e.target) for e in smaller.edges.values())


def test_filters_keep_roles_and_documents_asked_for(sample_store, cnipa, cnipa_leads):
    view = model.expand(model.GraphView(), neighbourhood(sample_store, cnipa), cnipa)
    years = {d.id: d.year for d in documents(sample_store)}
    leads_only = model.visible(view, model.Filters(roles=frozenset({"leads"})), years)
    assert {e.role for e in leads_only.edges.values()} <= {"leads", None}
    assert len([n for n in leads_only.nodes.values() if n.label == TASK]) == cnipa_leads
    nowhere = model.visible(view, model.Filters(documents=frozenset({"no-such-document"})), years)
    assert set(nowhere.nodes) == {cnipa}
    assert model.layout(view, model.Filters())["runs"] == view.layout_runs
    assert model.layout(view, model.Filters()) != model.layout(view, model.Filters(roles=frozenset({"co"})))


def test_the_graph_layout_is_registered_by_the_component_frontend():
    """A layout name Cytoscape does not know throws inside the iframe and leaves the graph blank;
    fcose is not built in, so it must be among the extensions the installed frontend registers."""
    build = Path(st_link_analysis.__file__).parent / "frontend" / "build"
    bundled = "".join(script.read_text(encoding="utf-8") for script in build.glob("*.js"))
    assert f'"layout","{model.LAYOUT_BASE["name"]}"' in bundled


def test_graph_elements_use_short_readable_captions(sample_store, cnipa):
    view = model.expand(model.GraphView(), neighbourhood(sample_store, cnipa), cnipa)
    elements = model.to_elements(view)
    captions = {e["data"]["id"]: e["data"]["name"] for e in elements["nodes"]}
    assert captions[cnipa] == CNIPA
    assert all(len(c) <= model.CAPTION_CHARS[TASK] for k, c in captions.items() if k.startswith(TASK))
    assert {e["data"]["label"] for e in elements["edges"]} >= {"leads", "co"}
    assert node_key(AGENCY, "x") == "Agency:x"


def test_analytics_page_charts_centrality_and_communities(sample_store):
    at = open_page(sample_store, "analytics.py")
    assert not at.error
    headers = [h.value for h in at.subheader]
    assert {"PageRank", "Load by role", "Communities", "All agencies"} <= set(headers)
    assert len(at.dataframe[0].value) > 10


def test_console_runs_a_query_and_draws_its_rows(sample_store, cnipa_leads):
    at = open_page(sample_store, "console.py")
    at.text_area(key="console_query").input(
        "MATCH (a:Agency {name: '国家知识产权局'})-[:LEADS]->(t:Task) "
        "RETURN DISTINCT a.name AS agency, t.id AS task"
    ).run()
    at.button[0].click().run()
    assert not at.error
    assert len(at.dataframe[0].value) == cnipa_leads
    assert at.tabs[0].label == f"Table ({cnipa_leads} rows)"


def test_console_refuses_writes_with_a_message(sample_store):
    at = open_page(sample_store, "console.py")
    at.text_area(key="console_query").input("CREATE (:Agency {name: 'x'})").run()
    at.button[0].click().run()
    assert not at.exception and at.error and "read-only" in at.error[0].value


def test_console_example_fills_the_query_box(sample_store):
    at = open_page(sample_store, "console.py")
    at.selectbox(key="console_example").set_value("Agencies by tasks led").run()
    assert "LEADS" in (at.text_area(key="console_query").value or "")


def test_result_graph_joins_nodes_of_a_row():
    agency = {"labels": ["Agency"], "properties": {"id": "a1", "name": CNIPA}}
    task = {"labels": ["Task"], "properties": {"id": "t1", "text": "加强知识产权保护"}}
    elements = result_elements(("a", "r", "t"), [(agency, {"type": "LEADS", "properties": {}}, task)])
    assert [n["data"]["id"] for n in elements["nodes"]] == ["Agency:a1", "Task:t1"]
    assert elements["edges"][0]["data"]["label"] == "LEADS"


def test_the_server_preloads_the_store_and_queries_but_no_streamlit_component():
    """A component imported before the server runs is never registered and its iframe stays
    empty, so the preload must leave st-link-analysis to the page scripts."""
    probe = (
        "import sys; from ui.server import preload; preload(); "
        "print(*(m for m in ('redis', 'queries.search', 'st_link_analysis') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.split() == ["redis", "queries.search"]
