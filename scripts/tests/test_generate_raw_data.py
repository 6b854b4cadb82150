"""Tests of scripts/generate_raw_data.py.

The expected table shapes below are written from shared/spec raw-data-contract.md, not from the
generator's code: a change of the generator that breaks the contract must fail here.
"""

from __future__ import annotations

import math
from dataclasses import fields
from pathlib import Path

import duckdb
import generate_raw_data as gen
import numpy as np
import pyarrow.parquet as pq
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
TS = "TIMESTAMP"
TSTZ = "TIMESTAMP WITH TIME ZONE"
TEXT = "VARCHAR"
BIGINT = "BIGINT"

# --- the contract -----------------------------------------------------------------------------
# Segment: common columns of tracks, pages, identifies, groups and every event table. The four
# context columns are optional: Segment only creates a column once it has seen a non-null value.
SEGMENT_COMMON = {
    "id": TEXT,
    "anonymous_id": TEXT,
    "user_id": TEXT,
    "timestamp": TS,
    "original_timestamp": TS,
    "sent_at": TS,
    "received_at": TS,
    "uuid_ts": TS,
    "context_library_name": TEXT,
}
SEGMENT_CONTEXT = {
    "context_page_path": TEXT,
    "context_page_url": TEXT,
    "context_ip": TEXT,
    "context_user_agent": TEXT,
}
# New columns may appear; these are the ones the generator documents (docs/sample_data.md).
SEGMENT_NEW_COLUMNS = {"context_campaign_name": TEXT}
EVENT = {"event": TEXT, "event_text": TEXT}
TRAITS = {"email": TEXT, "name": TEXT, "plan": TEXT, "company_size": TEXT, "industry": TEXT}
# Property columns of the tracking plan (metrics.md); the contract leaves their types to the
# loader: text for ids and enums, BIGINT for counts, DOUBLE for size_kb (a decimal).
EVENT_TABLES = {
    "signup_completed": {"plan": TEXT, "source": TEXT, "workspace_id": TEXT},
    "onboarding_completed": {"duration_minutes": BIGINT, "tenant_id": TEXT, "touchpoints": BIGINT},
    "agent_published": {
        "agent_id": TEXT,
        "channel": TEXT,
        "llm_model": TEXT,
        "knowledge_items": BIGINT,
    },
    "knowledge_uploaded": {
        "tenant_id": TEXT,
        "type": TEXT,
        "size_kb": "DOUBLE",
        "chunk_count": BIGINT,
    },
    "integration_connected": {"integration": TEXT, "tenant_id": TEXT, "status": TEXT},
    "support_request_created": {"tenant_id": TEXT, "ticket_id": TEXT, "channel": TEXT},
}

# table -> (required columns, optional columns)
Shape = tuple[dict[str, str], dict[str, str]]
OPTIONAL_SEGMENT = SEGMENT_CONTEXT | SEGMENT_NEW_COLUMNS
CONTRACT: dict[tuple[str, str], Shape] = {
    ("segment_web", "pages"): (
        SEGMENT_COMMON | {"name": TEXT, "path": TEXT, "url": TEXT, "referrer": TEXT, "title": TEXT},
        OPTIONAL_SEGMENT,
    ),
    ("segment_web", "tracks"): (SEGMENT_COMMON | EVENT, OPTIONAL_SEGMENT),
    ("segment_web", "identifies"): (SEGMENT_COMMON, OPTIONAL_SEGMENT | TRAITS),
    ("segment_web", "groups"): (
        SEGMENT_COMMON | {"group_id": TEXT},
        OPTIONAL_SEGMENT | {"name": TEXT, "plan": TEXT, "industry": TEXT, "employees": BIGINT},
    ),
    ("segment_web", "users"): ({"id": TEXT, "received_at": TS, "uuid_ts": TS}, TRAITS),
    ("segment_backend", "tracks"): (SEGMENT_COMMON | EVENT, OPTIONAL_SEGMENT),
    ("segment_backend", "identifies"): (SEGMENT_COMMON, OPTIONAL_SEGMENT | TRAITS),
    ("posthog", "events"): (
        {
            "uuid": TEXT,
            "event": TEXT,
            "distinct_id": TEXT,
            "person_id": TEXT,
            "properties": TEXT,
            "person_properties": TEXT,
            "elements_chain": TEXT,
            "timestamp": TS,
            "created_at": TS,
            "_inserted_at": TS,
        },
        {"site_url": TEXT},  # "new columns may appear in a later export"
    ),
    ("posthog", "persons"): (
        {
            "team_id": "INTEGER",
            "distinct_id": TEXT,
            "person_id": TEXT,
            "properties": TEXT,
            "person_distinct_id_version": BIGINT,
            "person_version": BIGINT,
            "created_at": TS,
            "_inserted_at": TS,
            "is_deleted": "BOOLEAN",
        },
        {},
    ),
    ("zendesk", "tickets"): (
        {
            "id": BIGINT,
            "created_at": TSTZ,
            "updated_at": TSTZ,
            "status": TEXT,
            "priority": TEXT,
            "subject": TEXT,
            "via_channel": TEXT,
            "requester_id": BIGINT,
            "organization_id": BIGINT,
            "_fivetran_synced": TSTZ,
        },
        {},
    ),
    ("zendesk", "users"): (
        {
            "id": BIGINT,
            "email": TEXT,
            "name": TEXT,
            "external_id": TEXT,
            "created_at": TSTZ,
            "updated_at": TSTZ,
            "_fivetran_synced": TSTZ,
        },
        {},
    ),
    ("vercel", "analytics_events"): (
        {
            "event_type": TEXT,
            "timestamp": BIGINT,  # epoch milliseconds
            "project_id": TEXT,
            "path": TEXT,
            "route": TEXT,
            "referrer": TEXT,
            "session_id": BIGINT,  # a number in the Vercel drain
            "device_id": BIGINT,
            "origin": TEXT,
            "country": TEXT,
            "device_type": TEXT,
            "received_at": TS,
        },
        {},
    ),
}
for _name, _properties in EVENT_TABLES.items():
    _schema = "segment_backend" if _name == "support_request_created" else "segment_web"
    CONTRACT[(_schema, _name)] = (SEGMENT_COMMON | EVENT | _properties, OPTIONAL_SEGMENT)

# Required properties per event (tracking plan), as (table, columns) of the canonical copies.
REQUIRED_PROPERTIES = {name: list(props) for name, props in EVENT_TABLES.items()}
DIALOG_PROPERTIES = ["dialog_id", "agent_id", "tenant_id", "channel"]


# --- helpers ----------------------------------------------------------------------------------
def generate(path: Path, *args: str) -> int:
    return gen.main(["--warehouse", str(path), "--quiet", *args])


def shapes(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], dict[str, str]]:
    rows = con.execute(
        "select table_schema, table_name, column_name, data_type "
        "from information_schema.columns order by table_schema, table_name, ordinal_position"
    ).fetchall()
    found: dict[tuple[str, str], dict[str, str]] = {}
    for schema, table, column, data_type in rows:
        found.setdefault((schema, table), {})[column] = data_type
    return found


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> float:
    return con.execute(sql).fetchone()[0]


def assert_rate(hits: float, total: float, rate: float, what: str) -> None:
    """Observed share within 5 standard errors (binomial) of the documented rate."""
    assert total > 0, what
    tolerance = 5 * math.sqrt(rate * (1 - rate) / total) + 0.1 * rate
    assert abs(hits / total - rate) <= tolerance, f"{what}: {hits}/{total} vs {rate}"


def first_copies(table: str, key: str = "id", loaded: str = "received_at") -> str:
    """One row per message: the first one loaded (how staging must dedupe)."""
    first = f"row_number() over (partition by {key} order by {loaded}) = 1"
    return f"(select * from {table} qualify {first})"


# --- fixtures ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A medium data set with the default rates: enough rows to measure them."""
    path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    assert generate(path, "--users", "500", "--days", "90", "--seed", "7") == 0
    return path


@pytest.fixture
def con(warehouse: Path) -> duckdb.DuckDBPyConnection:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        yield connection


# --- shapes -----------------------------------------------------------------------------------
def test_every_contract_table_exists_with_its_columns_and_types(con: duckdb.DuckDBPyConnection):
    found = shapes(con)
    assert set(found) == set(CONTRACT)
    for table, (required, optional) in CONTRACT.items():
        columns = found[table]
        missing = set(required) - set(columns)
        assert not missing, f"{table} lacks {missing}"
        unknown = set(columns) - set(required) - set(optional)
        assert not unknown, f"{table} has columns outside the contract: {unknown}"
        for column, data_type in columns.items():
            assert data_type == (required | optional)[column], f"{table}.{column}: {data_type}"


def test_segment_optional_columns_are_absent_where_never_set(con: duckdb.DuckDBPyConnection):
    found = shapes(con)
    backend_identifies = found[("segment_backend", "identifies")]
    # the server sends email and plan only, and no page or browser context
    assert {"email", "plan"} <= set(backend_identifies)
    assert not {"company_size", "industry", "context_page_path"} & set(backend_identifies)
    assert set(TRAITS) <= set(found[("segment_web", "identifies")])
    assert "context_campaign_name" in found[("segment_web", "pages")]


def test_timestamptz_option_and_timestamp_defaults(tmp_path: Path):
    path = tmp_path / "tz.duckdb"
    assert generate(path, "--users", "15", "--days", "20", "--timestamptz") == 0
    with duckdb.connect(str(path), read_only=True) as connection:
        found = shapes(connection)
    for column in ("timestamp", "original_timestamp", "sent_at", "received_at", "uuid_ts"):
        assert found[("segment_web", "pages")][column] == TSTZ
        assert found[("segment_backend", "tracks")][column] == TSTZ
    assert found[("posthog", "events")]["timestamp"] == TS  # other sources keep TIMESTAMP


# --- determinism ------------------------------------------------------------------------------
def read_all(path: Path) -> dict[tuple[str, str], object]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return {
            table: connection.execute(f'select * from "{table[0]}"."{table[1]}"').to_arrow_table()
            for table in shapes(connection)
        }


def test_same_seed_same_tables_row_for_row(tmp_path: Path):
    args = ("--users", "40", "--days", "30", "--seed", "11")
    assert generate(tmp_path / "a.duckdb", *args) == 0
    assert generate(tmp_path / "b.duckdb", *args) == 0
    first, second = read_all(tmp_path / "a.duckdb"), read_all(tmp_path / "b.duckdb")
    assert first.keys() == second.keys()
    for table in first:
        assert first[table].equals(second[table]), table


def test_another_seed_other_tables(tmp_path: Path):
    assert generate(tmp_path / "a.duckdb", "--users", "40", "--days", "30", "--seed", "1") == 0
    assert generate(tmp_path / "b.duckdb", "--users", "40", "--days", "30", "--seed", "2") == 0
    first, second = read_all(tmp_path / "a.duckdb"), read_all(tmp_path / "b.duckdb")
    for table in [("segment_web", "pages"), ("posthog", "events"), ("zendesk", "tickets")]:
        assert not first[table].equals(second[table]), table


# --- documented rates -------------------------------------------------------------------------
RATES = gen.MessRates()


@pytest.mark.parametrize(
    "table",
    ["segment_web.pages", "segment_web.tracks", "segment_web.identifies", "segment_web.groups"],
)
def test_segment_duplicates(con: duckdb.DuckDBPyConnection, table: str):
    rows, ids = con.execute(f"select count(*), count(distinct id) from {table}").fetchone()
    assert_rate(rows - ids, ids, RATES.segment_duplicate_rate, table)
    # a duplicate is the same message loaded later: never an earlier received_at
    spread = scalar(
        con,
        f"select max(date_diff('second', min_received, max_received)) from (select id, "
        f"min(received_at) min_received, max(received_at) max_received from {table} group by id)",
    )
    assert spread > 0


def test_posthog_zendesk_vercel_duplicates(con: duckdb.DuckDBPyConnection):
    query = "select count(*), count(distinct uuid) from posthog.events"
    rows, uuids = con.execute(query).fetchone()
    assert_rate(rows - uuids, uuids, RATES.posthog_duplicate_rate, "posthog.events")
    rows, ids = con.execute("select count(*), count(distinct id) from zendesk.tickets").fetchone()
    assert_rate(rows - ids, ids, RATES.zendesk_resync_rate, "zendesk.tickets")
    resynced_newer = scalar(
        con,
        "select bool_and(n_updates = n_rows) from (select id, count(*) n_rows, "
        "count(distinct updated_at) n_updates from zendesk.tickets group by id)",
    )
    assert resynced_newer  # each sync of a ticket carries a newer updated_at
    rows = scalar(con, "select count(*) from vercel.analytics_events")
    distinct = scalar(con, "select count(*) from (select distinct * from vercel.analytics_events)")
    assert_rate(rows - distinct, distinct, RATES.vercel_duplicate_rate, "vercel duplicates")


def test_late_arrivals(con: duckdb.DuckDBPyConnection):
    pages = first_copies("segment_web.pages")
    late, total = con.execute(
        f"select count(*) filter (where received_at > timestamp + interval 1 day), count(*) "
        f"from {pages} where timestamp <= received_at"
    ).fetchone()
    assert_rate(late, total, RATES.late_rate, "segment late")
    events = first_copies("posthog.events", "uuid", "_inserted_at")
    late, total = con.execute(
        f"select count(*) filter (where created_at > timestamp + interval 1 day), count(*) "
        f"from {events} where timestamp <= created_at"
    ).fetchone()
    assert_rate(late, total, RATES.late_rate, "posthog late")


def test_plan_violations(con: duckdb.DuckDBPyConnection):
    # timestamp more than one day after the load time
    future, total = con.execute(
        f"select count(*) filter (where timestamp > received_at + interval 1 day), count(*) "
        f"from {first_copies('segment_web.pages')}"
    ).fetchone()
    assert_rate(future, total, RATES.future_timestamp_rate, "segment future timestamps")
    events = first_copies("posthog.events", "uuid", "_inserted_at")
    future, total = con.execute(
        f"select count(*) filter (where timestamp > created_at + interval 1 day), count(*) "
        f"from {events}"
    ).fetchone()
    assert_rate(future, total, RATES.future_timestamp_rate, "posthog future timestamps")
    # a required property null: Segment event tables (canonical) and PostHog dialogs
    missing = total = 0
    for name, columns in REQUIRED_PROPERTIES.items():
        schema = "segment_backend" if name == "support_request_created" else "segment_web"
        any_null = " or ".join(f"{column} is null" for column in columns)
        hits, rows = con.execute(
            f"select count(*) filter (where {any_null}), count(*) "
            f"from {first_copies(f'{schema}.{name}')}"
        ).fetchone()
        missing, total = missing + hits, total + rows
    assert_rate(missing, total, RATES.missing_property_rate, "segment missing properties")
    any_null = " or ".join(
        f"json_extract_string(properties, '$.{key}') is null" for key in DIALOG_PROPERTIES
    )
    missing, total = con.execute(
        f"select count(*) filter (where {any_null}), count(*) "
        f"from {events} where event = 'dialog_started'"
    ).fetchone()
    assert_rate(missing, total, RATES.missing_property_rate, "dialog missing properties")


def test_lost_copies_and_page_view_reconciliation(con: duckdb.DuckDBPyConnection):
    segment = scalar(con, "select count(distinct id) from segment_web.signup_completed")
    posthog = scalar(
        con, "select count(distinct uuid) from posthog.events where event = 'signup_completed'"
    )
    assert segment < posthog  # Segment loses more browser events than PostHog (ad blockers)
    deviation = con.execute(
        """
        with posthog as (
            select timestamp::date as day, count(distinct uuid) as n
            from posthog.events where event = '$pageview' group by 1
        ),
        vercel as (
            select make_timestamp(timestamp * 1000)::date as day, count(*) as n
            from (select distinct * from vercel.analytics_events where event_type = 'pageview')
            group by 1
        )
        select abs(posthog.n - vercel.n) / vercel.n
        from posthog inner join vercel using (day)
        """
    ).fetchall()
    deviations = sorted(row[0] for row in deviation)
    flagged = [d for d in deviations if d > 0.15]
    assert len(flagged) >= RATES.posthog_outage_days + RATES.adblock_spike_days
    assert deviations[len(deviations) // 2] < 0.05  # normally within a few percent


def test_identity_mess(con: duckdb.DuckDBPyConnection):
    # merges: a distinct_id whose latest row points to another person than its first row
    merged = scalar(
        con,
        """
        select count(*) from (
            select distinct_id, arg_min(person_id, person_distinct_id_version) as first_person,
                arg_max(person_id, person_distinct_id_version) as last_person
            from posthog.persons group by distinct_id
        ) where first_person <> last_person
        """,
    )
    assert merged > 0
    deleted = scalar(
        con,
        "select count(*) from (select distinct_id, arg_max(is_deleted, "
        "person_distinct_id_version) as gone from posthog.persons group by 1) where gone",
    )
    assert deleted > 0
    # events before the merge keep the stale person
    stale = scalar(
        con,
        """
        select count(*) from posthog.events e
        inner join (
            select distinct_id, arg_max(person_id, person_distinct_id_version) as current_person
            from posthog.persons group by 1
        ) p using (distinct_id)
        where e.person_id <> p.current_person
        """,
    )
    assert stale > 0
    anonymous_only = scalar(
        con, "select count(*) from segment_web.knowledge_uploaded where user_id is null"
    )
    assert anonymous_only > 0


def test_story_metrics_are_in_range(con: duckdb.DuckDBPyConnection):
    activation = scalar(
        con,
        """
        with signups as (
            select user_id, min(timestamp) as signup_at from segment_web.signup_completed
            where user_id is not null group by 1
        )
        select avg(case when exists (
            select 1 from segment_web.onboarding_completed o
            where o.user_id = s.user_id and o.timestamp between s.signup_at
                and s.signup_at + interval 7 day) then 1.0 else 0.0 end)
        from signups s
        """,
    )
    assert 0.4 <= activation <= 0.65
    invited = scalar(
        con,
        "select avg(case when n > 1 then 1.0 else 0.0 end) from (select workspace_id, "
        "count(distinct user_id) as n from segment_web.signup_completed group by 1)",
    )
    assert 0.05 <= invited <= 0.3
    spike = scalar(
        con,
        "select max(n) / median(n) from (select timestamp::date, count(*) as n "
        "from segment_backend.support_request_created group by 1)",
    )
    assert spike >= 2.5


# --- writing ----------------------------------------------------------------------------------
def test_refuses_existing_schema_without_replace(tmp_path: Path, capsys: pytest.CaptureFixture):
    path = tmp_path / "w.duckdb"
    assert generate(path, "--users", "10", "--days", "10", "--seed", "1") == 0
    before = read_all(path)
    assert generate(path, "--users", "10", "--days", "10", "--seed", "2") != 0
    assert "--replace" in capsys.readouterr().err
    assert all(before[t].equals(table) for t, table in read_all(path).items())
    assert generate(path, "--users", "10", "--days", "10", "--seed", "2", "--if-missing") == 0
    assert all(before[t].equals(table) for t, table in read_all(path).items())
    assert generate(path, "--users", "10", "--days", "10", "--seed", "2", "--replace") == 0
    assert not read_all(path)[("posthog", "events")].equals(before[("posthog", "events")])


def test_replace_leaves_other_schemas_alone(tmp_path: Path):
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts; create table marts.keep as select 1 as x")
        connection.execute("create schema posthog; create table posthog.old as select 1 as x")
    assert generate(path, "--users", "10", "--days", "10") != 0  # posthog exists
    assert generate(path, "--users", "10", "--days", "10", "--replace") == 0
    with duckdb.connect(str(path), read_only=True) as connection:
        found = shapes(connection)
    assert ("marts", "keep") in found
    assert ("posthog", "old") not in found


def test_a_failed_run_leaves_the_warehouse_as_it_was(tmp_path: Path, monkeypatch):
    path = tmp_path / "w.duckdb"
    assert generate(path, "--users", "10", "--days", "10", "--seed", "1") == 0
    before = read_all(path)
    real = gen.generate_tables

    def failing(cfg: gen.GeneratorConfig, *args: object):
        tables = real(cfg, *args)
        yield next(tables)
        raise RuntimeError("disk full")

    monkeypatch.setattr(gen, "generate_tables", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        generate(path, "--users", "10", "--days", "10", "--seed", "2", "--replace")
    after = read_all(path)
    assert after.keys() == before.keys()
    assert all(before[t].equals(table) for t, table in after.items())


def test_schema_names_follow_the_dbt_vars(tmp_path: Path):
    path = tmp_path / "w.duckdb"
    names = ["--segment-schemas", "web_src,api_src", "--posthog-schema", "ph"]
    assert generate(path, "--users", "10", "--days", "10", *names) == 0
    with duckdb.connect(str(path), read_only=True) as connection:
        schemas = {schema for schema, _ in shapes(connection)}
    assert schemas == {"web_src", "api_src", "ph", "zendesk", "vercel"}


def test_parquet_writes_one_folder_per_table(tmp_path: Path):
    out = tmp_path / "raw"
    code = gen.main(["--format", "parquet", "--out-dir", str(out), "--users", "15", "--days", "20"])
    assert code == 0
    folders = {(p.parent.name, p.name) for p in out.glob("*/*") if p.is_dir()}
    assert folders == set(CONTRACT)
    for schema, table in folders:
        files = list((out / schema / table).glob("*.parquet"))
        assert files, (schema, table)
        names = set(pq.read_schema(files[0]).names)
        required, optional = CONTRACT[(schema, table)]
        assert set(required) <= names <= set(required) | set(optional)
    assert gen.main(["--format", "parquet", "--out-dir", str(out), "--users", "15"]) != 0


def test_target_events_lands_near_the_target(tmp_path: Path):
    path = tmp_path / "w.duckdb"
    assert generate(path, "--target-events", "60000", "--days", "60") == 0
    with duckdb.connect(str(path), read_only=True) as connection:
        total = sum(
            connection.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0]
            for s, t in shapes(connection)
        )
    assert 0.7 * 60_000 <= total <= 1.3 * 60_000


def test_every_rate_flag_is_documented():
    doc = (REPO_ROOT / "docs" / "sample_data.md").read_text()
    for rate in fields(gen.MessRates):
        assert f"--{rate.name.replace('_', '-')}" in doc, rate.name


# --- chunked generation -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def chunked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same world generated in one chunk and in about five (whole tenants per chunk)."""
    folder = tmp_path_factory.mktemp("chunked")
    args = ("--users", "400", "--days", "60", "--seed", "5")
    assert generate(folder / "one.duckdb", *args) == 0
    assert generate(folder / "many.duckdb", *args, "--chunk-users", "80") == 0
    return folder


def test_chunks_split_whole_tenants_and_cover_everything():
    w = gen.World(gen.GeneratorConfig(users=400, days=60, seed=5))
    parts = list(gen.chunks(w, 80))
    assert len(parts) >= 4
    for name, total in (
        ("users", w.cfg.users),
        ("tenants", len(w.owners)),
        ("agents", len(w.agent_user)),
        ("visitors", w.n_visitors),
        ("merged", len(w.merged_users)),
    ):
        joined = np.concatenate([getattr(part, name) for part in parts])
        assert len(joined) == total and len(np.unique(joined)) == total, name
    for part in parts:
        assert set(w.tenant[part.users]) == set(part.tenants)  # a tenant never spans two chunks
        assert set(w.agent_user[part.agents]) <= set(part.users)


def test_chunked_generation_keeps_keys_unique_and_links_valid(chunked: Path):
    with duckdb.connect(str(chunked / "many.duckdb"), read_only=True) as con:
        dialogs = (
            "select json_extract_string(properties, '$.dialog_id') as dialog_id, "
            "json_extract_string(properties, '$.agent_id') as agent_id, timestamp "
            "from posthog.events where event = 'dialog_started'"
        )
        known_dialogs = (
            f"select * from ({dialogs}) where dialog_id is not null and agent_id is not null"
        )
        # ids that restart per chunk would collide: each key must name one thing only
        for what, sql in (
            (
                "dialog",
                f"select dialog_id, count(distinct agent_id) from ({known_dialogs}) group by 1",
            ),
            ("ticket", "select id, count(distinct created_at) from zendesk.tickets group by 1"),
            ("zendesk user", "select id, count(*) from zendesk.users group by 1"),
            ("segment user", "select id, count(*) from segment_web.users group by 1"),
            (
                "person row",
                "select distinct_id || person_distinct_id_version, count(*) "
                "from posthog.persons group by 1",
            ),
        ):
            assert scalar(con, f"select count(*) from ({sql}) as t(k, n) where n <> 1") == 0, what
            assert scalar(con, f"select count(*) from ({sql})") > 0, what
        # links across tables (and so across chunks) resolve
        for what, sql in (
            (
                "ticket requester",
                "select requester_id from zendesk.tickets except select id from zendesk.users",
            ),
            (
                "zendesk external id",
                "select external_id from zendesk.users where external_id is not null "
                "except select id from segment_web.users",
            ),
            (
                "dialog agent",
                f"select agent_id from ({dialogs}) where agent_id is not null except "
                "(select json_extract_string(properties, '$.agent_id') from posthog.events "
                "where event = 'agent_published' "
                "union select agent_id from segment_web.agent_published)",
            ),
            (
                "event distinct id",
                "select distinct_id from posthog.events except "
                "select distinct_id from posthog.persons",
            ),
            (
                "group tenant",
                "select tenant_id from segment_web.onboarding_completed "
                "where tenant_id is not null except select group_id from segment_web.groups",
            ),
        ):
            assert scalar(con, f"select count(*) from ({sql})") == 0, what


def test_chunked_generation_tells_the_same_story(chunked: Path):
    """The same users and tenants, and about as many rows per table, as in one chunk."""
    one = duckdb.connect(str(chunked / "one.duckdb"), read_only=True)
    many = duckdb.connect(str(chunked / "many.duckdb"), read_only=True)
    with one, many:
        assert shapes(one) == shapes(many)
        for key in ("id from segment_web.users", "group_id from segment_web.groups"):
            sql = f"select distinct {key} order by 1"
            assert one.execute(sql).fetchall() == many.execute(sql).fetchall(), key
        for schema, table in shapes(one):
            rows = [scalar(c, f'select count(*) from "{schema}"."{table}"') for c in (one, many)]
            assert abs(rows[0] - rows[1]) <= 0.25 * rows[0] + 20, (schema, table, rows)


def test_a_failed_chunked_run_leaves_no_half_written_raw_schema(tmp_path: Path, monkeypatch):
    """Chunks are committed one by one (bounded memory); a failure drops what was written."""
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema analytics; create table analytics.keep as select 1 as x")
    real = gen.generate_tables
    seen: list[gen.Chunk] = []

    def failing(cfg: gen.GeneratorConfig, chunk_users: int, on_chunk):  # noqa: ANN001
        def watch(chunk: gen.Chunk) -> None:
            seen.append(chunk)
            on_chunk(chunk)

        for table in real(cfg, chunk_users, watch):
            yield table
            if len(seen) == 3:  # two chunks committed, the third half-written
                raise RuntimeError("disk full")

    monkeypatch.setattr(gen, "generate_tables", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        generate(path, "--users", "60", "--days", "20", "--chunk-users", "15")
    with duckdb.connect(str(path), read_only=True) as connection:
        assert set(shapes(connection)) == {("analytics", "keep")}
