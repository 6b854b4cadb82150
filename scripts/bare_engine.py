"""The bare engine: hand-written DuckDB SQL that computes two marts straight from the raw tables.

`benchmarks/bare_engine.sql` is what scripts/benchmark times against the dbt project ("how
much the layered project costs over the bare engine"). That ratio only means something while
the SQL returns the very rows of the marts, so `differences` compares them row for row; the
benchmark reports it and scripts/tests_built/test_bare_engine.py checks it on every build of
the sample warehouse.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
BARE_SQL = ROOT / "benchmarks" / "bare_engine.sql"
# The marts the bare SQL computes (into schema `bare`, same table names), with the columns
# compared: every column of the mart except derived ratios.
MARTS: dict[str, str] = {
    "mart_pageviews_reconciliation_daily": (
        "date_day, segment_page_views, posthog_page_views, vercel_page_views"
    ),
    "mart_usage_intensity_weekly": "activity_week, plan, active_agents, dialogs",
}


def statements() -> list[str]:
    """The statements of the SQL file (split on semicolons: none may appear elsewhere)."""
    return [s.strip() for s in BARE_SQL.read_text().split(";") if s.strip()]


def run(con: duckdb.DuckDBPyConnection, threads: int = 2) -> float:
    """Compute the bare marts into schema `bare` of the warehouse; returns the seconds taken."""
    con.execute(f"set threads = {threads}")
    con.execute("create schema if not exists bare")
    started = time.perf_counter()
    for statement in statements():
        con.execute(statement)
    return time.perf_counter() - started


def differences(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Per mart: rows in bare.<mart> or marts.<mart> but not in the other (0: identical)."""
    counts = {}
    for table, columns in MARTS.items():
        counts[table] = con.execute(
            f"select count(*) from ((select {columns} from bare.{table} "
            f"except all select {columns} from marts.{table}) union all "
            f"(select {columns} from marts.{table} "
            f"except all select {columns} from bare.{table}))"
        ).fetchone()[0]
    return counts
