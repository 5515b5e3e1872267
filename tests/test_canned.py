"""Canned questions give the answers a researcher would work out by hand.

Two graphs: the sample corpus (the seed's “十四五”国家知识产权保护和运用规划, whose 39
parenthetical clauses are hand-checked in the gold file) and a tiny hand-built series of two
yearly 工作要点 documents, small enough that every expected row is obvious.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from graph.ingest import IngestSummary, write_documents
from graph.store import StoreError
from loaders.records import Document, Task
from queries import canned
from tests.cli_support import invoke
from tests.conftest import BACKENDS
from tests.synthetic_records import named_document, named_task

SEED = "知识产权保护和运用规划"
GOLD = Path(__file__).resolve().parent / "gold" / "seed-clauses.jsonl"
GOLD_CLAUSES = {json.loads(line)["clause"] for line in GOLD.read_text(encoding="utf-8").splitlines()}
SERIES = "知识产权工作要点"


def _document(doc_id: str, year: int, tasks: tuple[Task, ...]) -> Document:
    return named_document(
        doc_id, f"{year}年{SERIES}", tasks, issuer="国家知识产权局", published=date(year, 3, 1)
    )


@pytest.fixture(scope="module", params=BACKENDS)
def series_store(request, tmp_path_factory):
    """2021: two tasks the IP office leads (one jointly with SAMR) and one left to 有关部门;
    2022: one task it leads with SAMR and 公安部 co-owning, one SAMR owns alone."""
    make = request.getfixturevalue(f"store_factory_{request.param}")
    store = make(tmp_path_factory.mktemp("series") / "db")
    y21 = _document(
        "y21",
        2021,
        (
            named_task("y21", 1, leads=["知识产权局"], co=["市场监管总局"], due=date(2021, 12, 31)),
            named_task("y21", 2, leads=["国家知识产权局", "市场监管总局"], due=date(2022, 6, 30)),
            named_task("y21", 3, co=["有关部门"]),
        ),
    )
    y22 = _document(
        "y22",
        2022,
        (
            named_task("y22", 1, leads=["知识产权局"], co=["市场监管总局", "公安部"], due=date(2022, 12, 31)),
            named_task("y22", 2, sole=["市场监管总局"]),
        ),
    )
    write_documents(store, [y21, y22], IngestSummary())
    yield store
    store.close()


def _gold_only(rows):
    return [r for r in rows if r.clause in GOLD_CLAUSES]


@pytest.mark.parametrize(("role", "expected"), [("leads", 15), ("sole", 2), ("co", 18)])
def test_seed_agency_roles_match_gold(sample_store, role, expected):
    rows = canned.agency_tasks(sample_store, "国家知识产权局", role=role, document=SEED)
    assert len(_gold_only(rows)) == expected
    assert {r.role for r in rows} == {role}


def test_agency_found_by_alias(sample_store):
    by_alias = canned.agency_tasks(sample_store, "知识产权局", role="leads", document=SEED)
    by_name = canned.agency_tasks(sample_store, "国家知识产权局", role="leads", document=SEED)
    assert [r.task_id for r in by_alias] == [r.task_id for r in by_name]
    assert by_alias


def test_seed_top_pairs_computed_by_hand(sample_store):
    pairs = canned.co_responsible_pairs(sample_store, limit=3, document=SEED)
    assert [(p.agency_a, p.agency_b, p.tasks) for p in pairs] == [
        ("中共中央宣传部", "国家知识产权局", 22),
        ("国家市场监督管理总局", "国家知识产权局", 12),
        ("中共中央宣传部", "国家市场监督管理总局", 10),
    ]


def test_seed_ranking_led_by_ip_office(sample_store):
    top = canned.agency_ranking(sample_store, by="leads", limit=2, document=SEED)[0]
    assert top.agency == "国家知识产权局"
    assert top.leads >= 15
    assert top.total == top.leads + top.co + top.sole
    by_co = canned.agency_ranking(sample_store, by="co", limit=1, document=SEED)[0]
    assert (by_co.agency, by_co.co) == ("中共中央宣传部", 22)


def test_who_leads_by_keyword(sample_store):
    rows = canned.who_leads(sample_store, "知识产权侵权惩罚性赔偿", document=SEED)
    assert len(rows) == 1
    assert rows[0].leads == []
    assert {"最高人民法院", "国家知识产权局"} <= set(rows[0].co)


def test_seed_has_no_joint_leads_and_gold_unled_tasks(sample_store):
    assert canned.several_leads(sample_store, document=SEED) == []
    unled = _gold_only(canned.no_lead(sample_store, document=SEED))
    assert len(unled) == 39 - 15
    assert all(not r.leads for r in unled)


def test_profile_shows_lineage_and_counts(sample_store):
    [profile] = canned.agency_profile(sample_store, "银保监会")
    assert profile.name == "中国银行保险监督管理委员会"
    assert "银保监会" in profile.aliases
    assert profile.successors == ["国家金融监督管理总局"]
    [ip] = canned.agency_profile(sample_store, "知识产权局")
    assert ip.by_year["2021"]["leads"] == ip.leads >= 15


def test_documents_issued_by_state_council(sample_store):
    issued = canned.documents_issued(sample_store, "国务院")
    assert "“十四五”国家知识产权保护和运用规划" in [d.title for d in issued]
    assert len(issued) >= 2
    first = canned.documents_issued(sample_store, "国务院", limit=1)
    assert first == issued[:1], "the limit keeps the oldest documents"


def test_series_changes_between_years(series_store):
    changes = {
        (c.agency, c.role): (c.before, c.after)
        for c in canned.document_changes(series_store, "2021", "2022", SERIES)
    }
    assert changes == {
        ("国家知识产权局", "leads"): (2, 1),
        ("国家市场监督管理总局", "leads"): (1, 0),
        ("国家市场监督管理总局", "sole"): (0, 1),
        ("公安部", "co"): (0, 1),
        ("有关部门", "co"): (1, 0),
    }
    assert canned.document_changes(series_store, "y21", "y22") == canned.document_changes(
        series_store, "2021", "2022", SERIES
    )


def test_deadlines_in_range_by_agency(series_store):
    due_2022 = canned.deadlines(series_store, due_from="2022-01-01", due_to="2022-12-31")
    assert [(r.task_id, r.deadline) for r in due_2022] == [("y21-t2", "2022-06-30"), ("y22-t1", "2022-12-31")]
    assert due_2022[0].leads == ["国家市场监督管理总局", "国家知识产权局"]
    mps = canned.deadlines(series_store, due_from="2022-01-01", agency="公安部")
    assert [r.task_id for r in mps] == ["y22-t1"]


def test_agency_tasks_filters(series_store):
    assert [r.task_id for r in canned.agency_tasks(series_store, "知识产权局", year=2022)] == ["y22-t1"]
    due = canned.agency_tasks(series_store, "知识产权局", due_to="2022-06-30")
    assert [r.task_id for r in due] == ["y21-t1", "y21-t2"]
    assert [r.mention for r in due] == ["知识产权局", "国家知识产权局"]


def test_several_leads_and_generic_share(series_store):
    assert [r.task_id for r in canned.several_leads(series_store)] == ["y21-t2"]
    shares = {s.document: (s.tasks, s.generic_only, s.share) for s in canned.generic_share(series_store)}
    assert shares == {f"2021年{SERIES}": (3, 1, 0.3333), f"2022年{SERIES}": (2, 0, 0.0)}


def test_issued_counts_tasks(series_store):
    issued = canned.documents_issued(series_store, "国家知识产权局")
    assert [(d.document_id, d.published, d.tasks) for d in issued] == [
        ("y21", "2021-03-01", 3),
        ("y22", "2022-03-01", 2),
    ]


def test_ask_coerces_and_checks_parameters(series_store):
    rows = canned.ask(series_store, "agency-tasks", {"agency": "知识产权局", "year": 2022})
    assert [r.task_id for r in rows] == ["y22-t1"]
    table = canned.ask_table(series_store, "ranking", {"limit": "1", "include_generic": "false"})
    assert table.columns[0] == "agency" and len(table.rows) == 1
    with pytest.raises(StoreError, match="missing --param agency"):
        canned.ask(series_store, "profile", {})
    with pytest.raises(StoreError, match="unknown parameter 'colour'"):
        canned.ask(series_store, "pairs", {"colour": "red"})
    with pytest.raises(StoreError, match="expected int"):
        canned.ask(series_store, "pairs", {"limit": "many"})


def test_catalogue_lists_every_question():
    names = [row[0] for row in canned.catalogue().rows]
    assert names == list(canned.CANNED)
    assert len(names) >= 11


def test_ask_command(sample_store):
    args = [
        "ask",
        "agency-tasks",
        "--param",
        "agency=知识产权局",
        "--param",
        "role=sole",
        "--param",
        f"document={SEED}",
    ]
    result = invoke(sample_store, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len([r for r in rows if r["clause"] in GOLD_CLAUSES]) == 2
    assert {r["role"] for r in rows} == {"sole"}
    listed = invoke(sample_store, "ask", "--list", "--format", "csv")
    assert listed.output.splitlines()[0] == "name,description,parameters"
    unknown = invoke(sample_store, "ask", "nonsense")
    assert unknown.exit_code != 0 and "ask --list" in unknown.output and "Traceback" not in unknown.output
    missing = invoke(sample_store, "ask", "profile")
    assert missing.exit_code != 0 and "missing --param agency" in missing.output


def test_whole_graph_answers_from_derived_counts_equal_a_live_recount(sample_store):
    # document="" is in every title, so it takes the live path over every document.
    for include_generic in (False, True):
        derived = canned.co_responsible_pairs(sample_store, limit=1000, include_generic=include_generic)
        assert derived == canned.co_responsible_pairs(
            sample_store, limit=1000, document="", include_generic=include_generic
        )
        assert len(derived) > 20
    for by in ("leads", "co", "sole", "total"):
        assert canned.agency_ranking(sample_store, by=by, limit=500) == canned.agency_ranking(
            sample_store, by=by, limit=500, document=""
        )


def test_task_lists_keep_their_first_rows_up_to_limit(sample_store):
    unled = canned.no_lead(sample_store, limit=10_000)
    assert len(unled) > 3 and all(not r.leads for r in unled)
    assert canned.no_lead(sample_store, limit=3) == unled[:3]
    pairs = canned.co_responsible_pairs(sample_store, limit=1000, include_generic=True)
    assert canned.co_responsible_pairs(sample_store, limit=7, include_generic=True) == pairs[:7]
    found = canned.who_leads(sample_store, "知识产权", limit=10_000)
    assert canned.ask(sample_store, "who-leads", {"keyword": "知识产权", "limit": "2"}) == found[:2]


def test_deadlines_page_through_days_in_order(series_store):
    due = canned.deadlines(series_store, limit=10_000)
    assert [r.deadline for r in due] == ["2021-12-31", "2022-06-30", "2022-12-31"]
    assert canned.deadlines(series_store, limit=1) == due[:1]
    assert canned.deadlines(series_store, limit=2) == due[:2]


def test_generic_share_pages_by_title(sample_store):
    shares = canned.generic_share(sample_store, limit=1000)
    assert len(shares) > 2 and all(0 <= s.generic_only <= s.tasks for s in shares)
    assert canned.generic_share(sample_store, limit=2) == shares[:2]


def test_profile_years_equal_a_live_recount(sample_store):
    # profile reads AgencyYear counts; the edges say what they must be.
    live = sample_store.read(
        "MATCH (a:Agency {id: 'cnipa'})-[r:LEADS|CO_RESPONSIBLE|RESPONSIBLE]->(:Task)-[:IN_DOCUMENT]->(d) "
        "RETURN coalesce(substring(d.published, 0, 4), 'undated') AS year, type(r) AS rel, count(*) AS n"
    ).rows
    expected: dict[str, dict[str, int]] = {}
    for year, rel, n in live:
        expected.setdefault(year, {})[canned.ROLE_OF[rel]] = n
    [profile] = canned.agency_profile(sample_store, "国家知识产权局")
    assert profile.by_year == expected
    assert profile.co == sum(roles.get("co", 0) for roles in expected.values()) > 0


def test_changes_between_documents_equal_a_live_recount(sample_store):
    # changes counts the documents' role tokens; the edges of the two documents say the same.
    documents = sample_store.read(
        "MATCH (d:Document) WHERE d.task_count > 0 RETURN d.id ORDER BY d.task_count DESC LIMIT 2"
    ).rows
    old, new = (row[0] for row in documents)
    live = sample_store.read(
        "MATCH (a:Agency)-[r:LEADS|CO_RESPONSIBLE|RESPONSIBLE]->(:Task)-[:IN_DOCUMENT]->(d:Document) "
        "WHERE d.id IN [$old, $new] "
        "RETURN a.name, type(r), count(CASE WHEN d.id = $old THEN 1 END), "
        "count(CASE WHEN d.id = $new THEN 1 END)",
        {"old": old, "new": new},
    ).rows
    expected = {
        (agency, canned.ROLE_OF[rel]): (before, after)
        for agency, rel, before, after in live
        if before != after
    }
    changes = canned.document_changes(sample_store, old, new)
    assert {(c.agency, c.role): (c.before, c.after) for c in changes} == expected
    assert len(changes) > 10
    assert [abs(c.change) for c in changes] == sorted((abs(c.change) for c in changes), reverse=True)
