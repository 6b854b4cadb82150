"""Incremental runs give the same marts as a full refresh (issue: scale).

The generated raw data is replayed into a warehouse in load-time batches (late rows and
duplicates that arrive in later batches included), `dbt run` after each batch; a second
warehouse gets everything at once and a `--full-refresh`. Every table of the marts schema must
be identical (and the quarantine, `int_events_quarantined`), and a rerun with no new data must
change nothing.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import raw_loader
from dbt_marts import assert_same_marts, generate_raw, mart_snapshot, replay_in_batches, run_dbt

NAMES = ("the full refresh", "the incremental runs")


@pytest.fixture(scope="module")
def raw_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = generate_raw(tmp_path_factory.mktemp("raw") / "raw.duckdb", users=150, days=45, seed=23)
    redrain_vercel_rows(path)
    redeliver_old_messages(path)
    change_past_dialog_weeks_late(path)
    drain_first_day_page_views_late(path)
    return path


def redrain_vercel_rows(path: Path) -> None:
    """Vercel re-drains: identical rows (same content key) received days later, so that they
    land in a later batch than the first copy. A few carry no timestamp, the content-key part
    that int_source_rows_by_load_day narrows its probe of older rows on."""
    con = duckdb.connect(str(path))
    try:
        con.execute(
            'update vercel.analytics_events set "timestamp" = null where "timestamp" % 199 = 7'
        )
        con.execute(
            "insert into vercel.analytics_events "
            "select * replace (received_at + interval 4 day as received_at) "
            'from vercel.analytics_events where "timestamp" % 97 = 0 or "timestamp" is null'
        )
    finally:
        con.close()


def redeliver_old_messages(path: Path) -> None:
    """At-least-once deliveries with no limit on the gap: Segment re-delivers some messages of
    the first days of history, and a PostHog backfill re-exports some of their events, 40 days
    after the first copy (the data span 45 days, so the copy lands in the last batches). Every
    copy is a duplicate of a key staged several batches earlier; a full refresh keeps the first."""
    con = duckdb.connect(str(path))
    try:
        low = con.execute("select min(received_at) from segment_web.pages").fetchone()[0]
        first_days = f"received_at < timestamp '{low}' + interval 4 day"
        for table in ("segment_web.pages", "segment_web.tracks", "segment_web.signup_completed"):
            con.execute(
                f"insert into {table} select * replace (received_at + interval 40 day as "
                f"received_at, uuid_ts + interval 40 day as uuid_ts) from {table} "
                f"where {first_days} and hash(id) % 5 = 0"
            )
        con.execute(
            "insert into posthog.events select * replace (_inserted_at + interval 40 day as "
            "_inserted_at) from posthog.events where _inserted_at < "
            f"timestamp '{low}' + interval 4 day and hash(uuid) % 5 = 0"
        )
    finally:
        con.close()


def change_past_dialog_weeks_late(path: Path) -> None:
    """Late rows that change the dialog weeks of early history, loaded after everything else
    (the last batch): a retry of every dialog of the first dialog week, sent exactly a week
    earlier (each dialog's start moves to the week before, and the first week is left with no
    dialog), and a groups call made 8 days after the first dialog of the earliest tenant with
    dialogs in three weeks or more, with a plan it never had (its dialogs from then until its
    next call change plan). No newer row touches those weeks: the incremental models must
    move the starts (int_dialogs_started) and the plan periods from the late rows alone."""
    con = duckdb.connect(str(path))
    try:
        (high,) = con.execute(
            "select greatest((select max(_inserted_at) from posthog.events), "
            "(select max(received_at) from segment_web.groups))"
        ).fetchone()
        late = f"timestamp '{high}' + interval 1 hour"
        dialogs = "posthog.events where event = 'dialog_started'"
        con.execute(
            "insert into posthog.events select * replace (cast(gen_random_uuid() as varchar) "
            f'as uuid, "timestamp" - interval 7 day as "timestamp", {late} as _inserted_at) '
            f"from {dialogs} and date_trunc('week', \"timestamp\") = "
            f"(select min(date_trunc('week', \"timestamp\")) from {dialogs})"
        )
        tenant, first_dialog_at = con.execute(
            "select json_extract_string(properties, '$.tenant_id') as tenant_id, "
            f'min("timestamp") from {dialogs} and tenant_id in '
            "(select group_id from segment_web.groups) group by tenant_id "
            "having count(distinct date_trunc('week', \"timestamp\")) >= 3 "
            'order by min("timestamp"), tenant_id limit 1'
        ).fetchone()
        had = {
            plan
            for (plan,) in con.execute(
                "select plan from segment_web.groups where group_id = ? union "
                "select plan from segment_web.signup_completed where workspace_id = ?",
                [tenant, tenant],
            ).fetchall()
        }
        plan = next(p for p in ("enterprise", "starter", "pro", "free") if p not in had)
        made = f"timestamp '{first_dialog_at}' + interval 8 day"
        con.execute(
            "insert into segment_web.groups select * replace ('late-plan-change' as id, "
            f"'{plan}' as plan, {made} as \"timestamp\", {made} as original_timestamp, "
            f"{made} as sent_at, {late} as received_at, {late} as uuid_ts) "
            "from segment_web.groups where group_id = ? limit 1",
            [tenant],
        )
        (replanned,) = con.execute(
            f"select count(*) from {dialogs} and json_extract_string(properties, '$.tenant_id') "
            f'= ? and "timestamp" >= {made} and "timestamp" < coalesce((select min("timestamp") '
            f'from segment_web.groups where group_id = ? and "timestamp" > {made} '
            "and plan is not null), timestamp '9999-12-31')",
            [tenant, tenant],
        ).fetchone()
        assert replanned > 0, "the late groups call must change the plan of some dialogs"
    finally:
        con.close()


def drain_first_day_page_views_late(path: Path) -> None:
    """A late Vercel drain: new page views of the first day of history (each 1 ms after a view
    of that day, so new content keys), received after everything else. No stream row of that
    day arrives with them: its page-view counts must change from the Vercel side alone."""
    con = duckdb.connect(str(path))
    try:
        (high,) = con.execute(
            "select greatest((select max(received_at) from vercel.analytics_events), "
            "(select max(_inserted_at) from posthog.events))"
        ).fetchone()
        (added,) = con.execute(
            'insert into vercel.analytics_events select * replace ("timestamp" + 1 as '
            f"\"timestamp\", timestamp '{high}' + interval 2 hour as received_at) "
            "from vercel.analytics_events where event_type = 'pageview' "
            'and "timestamp" % 86400000 < 86399999 and '
            'cast(to_timestamp("timestamp" / 1000) as date) = (select min(cast(to_timestamp('
            '"timestamp" / 1000) as date)) from vercel.analytics_events)'
        ).fetchone()
        assert added > 0, "the first day should have Vercel page views to drain late"
    finally:
        con.close()


def test_incremental_batches_equal_full_refresh(raw_source: Path, tmp_path: Path) -> None:
    full = tmp_path / "warehouse_full.duckdb"
    raw_loader.copy_batch(raw_source, full, until=None)
    run_dbt(full, tmp_path / "full", "seed")
    run_dbt(full, tmp_path / "full", "run", "--full-refresh")
    expected = mart_snapshot(full)
    assert expected["fct_user_activation"], "the generated data should hold signups"

    incremental = tmp_path / "warehouse_incremental.duckdb"
    loaded_rows = replay_in_batches(raw_source, incremental, tmp_path / "incremental")
    assert loaded_rows == raw_loader.raw_row_count(raw_source), (
        "the batches must replay every raw row exactly once"
    )
    assert_same_marts(expected, mart_snapshot(incremental), NAMES)

    # A rerun with no new data changes nothing.
    run_dbt(incremental, tmp_path / "incremental", "run")
    assert_same_marts(expected, mart_snapshot(incremental), NAMES)
