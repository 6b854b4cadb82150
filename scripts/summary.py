"""Print a short, readable summary of a built warehouse.

Reads the warehouse through a read-only DuckDB connection (it never changes anything):
  (a) where every raw row went, per source table (marts.mart_source_reconciliation);
  (b) the latest complete week of each metric mart (metrics.md "Mart contract").
A mart that is not built yet is reported as "(mart X not built)", never an error, so the
summary works on a partial build (`scripts/run --select ...`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

REPO_ROOT = Path(__file__).resolve().parent.parent
MARTS = "marts"
INTERMEDIATE = "intermediate"

Row = tuple[Any, ...]


def default_warehouse() -> Path:
    """The warehouse the dbt profile uses: WAREHOUSE_PATH, else warehouse.duckdb at the root."""
    configured = os.environ.get("WAREHOUSE_PATH")
    return Path(configured) if configured else REPO_ROOT / "warehouse.duckdb"


def table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    found = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchone()
    return bool(found and found[0])


def not_built(table: str) -> str:
    return f"  (mart {table} not built)"


def fmt(value: Any) -> str:
    """One cell: thousands separators for integers, 2-3 decimals for reals, ISO dates."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float | Decimal):
        # Rates and thresholds are fractions: keep a third decimal below 1.
        return f"{value:,.2f}" if abs(value) >= 1 else f"{value:.3f}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def pct(numerator: float | None, denominator: float | None) -> str:
    if not denominator or numerator is None:
        return "-"
    return f"{numerator / denominator:.1%}"


def as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def table_lines(headers: Sequence[str], rows: Sequence[Row], indent: str = "  ") -> list[str]:
    """A plain-text table: text left-aligned, numbers right-aligned."""
    cells = [[fmt(value) for value in row] for row in rows]
    widths = [
        max([len(header)] + [len(row[i]) for row in cells]) for i, header in enumerate(headers)
    ]
    numeric = [
        bool(rows) and all(is_number(row[i]) or row[i] is None for row in rows)
        for i in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            value.rjust(width) if is_number else value.ljust(width)
            for value, width, is_number in zip(values, widths, numeric, strict=True)
        ]
        return (indent + "  ".join(parts)).rstrip()

    return [line(headers), indent + "  ".join("-" * width for width in widths)] + [
        line(row) for row in cells
    ]


def as_of(con: duckdb.DuckDBPyConnection) -> datetime | None:
    """The project's reporting clock (metrics.md `as_of`), as built in intermediate.int_as_of.
    None when that model is not built or cannot be read."""
    if not table_exists(con, INTERMEDIATE, "int_as_of"):
        return None
    try:
        found = con.execute(f"select max(as_of) from {INTERMEDIATE}.int_as_of").fetchone()
    except duckdb.Error:
        return None
    latest = found[0] if found else None
    if not isinstance(latest, datetime):
        return None
    # Compare as naive UTC whatever the column type (TIMESTAMP or TIMESTAMPTZ).
    return latest.astimezone(UTC).replace(tzinfo=None) if latest.tzinfo else latest


def latest_complete_week(
    con: duckdb.DuckDBPyConnection, table: str, week_column: str, as_of_at: datetime | None
) -> date | None:
    """The latest week in a weekly mart that has ended by as_of. Without as_of, the most recent
    week may still be running, so the one before it is taken."""
    weeks = [
        as_date(row[0])
        for row in con.execute(
            f"select distinct {week_column} from {MARTS}.{table} order by 1 desc"
        ).fetchall()
    ]
    weeks = [week for week in weeks if week is not None]
    if as_of_at is None:
        return weeks[1] if len(weeks) > 1 else None
    for week in weeks:
        if datetime.combine(week + timedelta(days=7), datetime.min.time()) <= as_of_at:
            return week
    return None


MetricSection = Callable[[duckdb.DuckDBPyConnection, datetime | None], list[str]]


def mart_section(table: str, title: str) -> Callable[[MetricSection], MetricSection]:
    """Give a section its title line, and report the mart as not built instead of querying it
    when it is missing; the decorated function returns only the body lines."""

    def decorate(body: MetricSection) -> MetricSection:
        def section(con: duckdb.DuckDBPyConnection, as_of_at: datetime | None) -> list[str]:
            if not table_exists(con, MARTS, table):
                return [title, not_built(table)]
            return [title, *body(con, as_of_at)]

        section.__name__ = body.__name__
        return section

    return decorate


def reconciliation_section(con: duckdb.DuckDBPyConnection) -> list[str]:
    table = "mart_source_reconciliation"
    lines = ["Raw rows per source table (staged + duplicates + quarantined = raw)"]
    if not table_exists(con, MARTS, table):
        return lines + [not_built(table)]
    rows = con.execute(
        f"""
        select
            source_system,
            source_table,
            raw_rows,
            staged_rows,
            duplicate_rows,
            quarantined_rows,
            raw_rows = staged_rows + duplicate_rows + quarantined_rows as adds_up
        from {MARTS}.{table}
        order by source_system, source_table
        """
    ).fetchall()
    body: list[Row] = []
    grand = [0, 0, 0, 0]
    for system in sorted({row[0] for row in rows}):
        system_rows = [row for row in rows if row[0] == system]
        body.extend(system_rows)
        totals = [sum(int(row[i] or 0) for row in system_rows) for i in range(2, 6)]
        adds_up = all(bool(row[6]) for row in system_rows)
        body.append((system, "(total)", *totals, adds_up))
        grand = [g + t for g, t in zip(grand, totals, strict=True)]
    body.append(("all sources", "(total)", *grand, all(bool(row[6]) for row in rows)))
    headers = ["source", "table", "raw", "staged", "duplicates", "quarantined", "adds up"]
    return lines + table_lines(headers, body)


@mart_section("mart_activation_weekly", "Activation (7 days), latest complete cohort week")
def activation_section(con: duckdb.DuckDBPyConnection, _as_of: datetime | None) -> list[str]:
    found = con.execute(
        f"""
        select cohort_week, sum(activated_users), sum(signups)
        from {MARTS}.mart_activation_weekly
        where cohort_week = (
            select max(cohort_week) from {MARTS}.mart_activation_weekly where is_complete
        )
        group by cohort_week
        """
    ).fetchone()
    if not found:
        return ["  no complete cohort week yet"]
    week, activated, signups = found
    return [
        f"  cohort week {fmt(as_date(week))}: {fmt(activated)} of {fmt(signups)} signups "
        f"activated = {pct(activated, signups)}",
    ]


@mart_section("mart_time_to_first_agent_weekly", "Time to first agent, latest complete cohort week")
def ttfa_section(con: duckdb.DuckDBPyConnection, _as_of: datetime | None) -> list[str]:
    week = None
    if table_exists(con, MARTS, "mart_activation_weekly"):
        found = con.execute(
            f"select max(cohort_week) from {MARTS}.mart_activation_weekly where is_complete"
        ).fetchone()
        week = as_date(found[0]) if found else None
    if week is None:
        return ["  no complete cohort week yet (from mart_activation_weekly.is_complete)"]
    # Medians do not add up across plans: the overall median comes from the user-level fact.
    if table_exists(con, MARTS, "fct_user_activation"):
        found = con.execute(
            f"""
            select
                count(*),
                count(hours_to_first_agent),
                median(hours_to_first_agent)
            from {MARTS}.fct_user_activation
            where cohort_week = ?
            """,
            [week],
        ).fetchone()
        users, with_agent, median = found if found else (0, 0, None)
        return [
            f"  cohort week {fmt(week)}: {fmt(with_agent)} of {fmt(users)} signups published an "
            f"agent ({pct(with_agent, users)}); median {fmt(median)} hours",
        ]
    rows = con.execute(
        f"""
        select plan, signups, users_with_agent, median_hours_to_first_agent
        from {MARTS}.mart_time_to_first_agent_weekly
        where cohort_week = ?
        order by plan
        """,
        [week],
    ).fetchall()
    return [
        f"  cohort week {fmt(week)}, per plan (fct_user_activation not built, so no overall "
        "median):",
        *table_lines(["plan", "signups", "with agent", "median hours"], rows, indent="    "),
    ]


@mart_section(
    "mart_retention_weekly", "4-week tenant retention, latest cohort that has reached week 4"
)
def retention_section(con: duckdb.DuckDBPyConnection, _as_of: datetime | None) -> list[str]:
    found = con.execute(
        f"""
        select cohort_week, sum(active_tenants), sum(cohort_tenants)
        from {MARTS}.mart_retention_weekly
        where weeks_since_cohort = 4
            and cohort_week = (
                select max(cohort_week)
                from {MARTS}.mart_retention_weekly
                where weeks_since_cohort = 4
            )
        group by cohort_week
        """
    ).fetchone()
    if not found:
        return ["  no cohort has reached week 4 yet"]
    week, active, cohort = found
    return [
        f"  cohort week {fmt(as_date(week))}: {fmt(active)} of {fmt(cohort)} tenants active "
        f"in week 4 = {pct(active, cohort)}",
    ]


@mart_section("mart_usage_intensity_weekly", "Usage intensity, latest complete week")
def usage_section(con: duckdb.DuckDBPyConnection, as_of_at: datetime | None) -> list[str]:
    week = latest_complete_week(con, "mart_usage_intensity_weekly", "activity_week", as_of_at)
    if week is None:
        return ["  no complete week yet"]
    rows = con.execute(
        f"""
        select plan, dialogs, active_agents, dialogs_per_active_agent
        from {MARTS}.mart_usage_intensity_weekly
        where activity_week = ?
        order by plan
        """,
        [week],
    ).fetchall()
    dialogs = sum(int(row[1] or 0) for row in rows)
    agents = sum(int(row[2] or 0) for row in rows)
    # An agent whose tenant changed plan during the week is active under both plans, so the
    # per-plan ratios are the metric; the sums are only a size indication.
    return [
        f"  week {fmt(week)}: {fmt(dialogs)} dialogs, {fmt(agents)} active agents (sums over "
        "plans); the ratio is per plan:",
        *table_lines(["plan", "dialogs", "active agents", "per agent"], rows, indent="    "),
    ]


@mart_section("mart_support_load_weekly", "Support load, latest complete week")
def support_section(con: duckdb.DuckDBPyConnection, as_of_at: datetime | None) -> list[str]:
    week = latest_complete_week(con, "mart_support_load_weekly", "request_week", as_of_at)
    if week is None:
        return ["  no complete week yet"]
    rows = con.execute(
        f"""
        select plan, support_requests
        from {MARTS}.mart_support_load_weekly
        where request_week = ?
        order by support_requests desc, plan
        """,
        [week],
    ).fetchall()
    total = sum(int(row[1] or 0) for row in rows)
    by_plan = ", ".join(f"{plan} {fmt(requests)}" for plan, requests in rows)
    return [f"  week {fmt(week)}: {fmt(total)} requests ({by_plan})"]


@mart_section("mart_alerts", "Alerts")
def alerts_section(con: duckdb.DuckDBPyConnection, _as_of: datetime | None) -> list[str]:
    counts = con.execute(
        f"select alert_type, count(*) from {MARTS}.mart_alerts group by alert_type order by 1"
    ).fetchall()
    if not counts:
        return ["  none"]
    latest = con.execute(
        f"""
        select alert_type, period_start, metric_value, threshold
        from {MARTS}.mart_alerts
        order by period_start desc, alert_type
        limit 5
        """
    ).fetchall()
    return [
        "  " + ", ".join(f"{alert_type}: {fmt(count)}" for alert_type, count in counts),
        "  latest 5:",
        *table_lines(["alert", "period start", "value", "threshold"], latest, indent="    "),
    ]


METRIC_SECTIONS: list[MetricSection] = [
    activation_section,
    ttfa_section,
    retention_section,
    usage_section,
    support_section,
    alerts_section,
]


def summarize(con: duckdb.DuckDBPyConnection) -> list[str]:
    lines = reconciliation_section(con)
    as_of_at = as_of(con)
    lines += [
        "",
        f"Metrics (as_of {fmt(as_of_at)}, the latest staged event; ISO weeks, UTC)",
    ]
    for section in METRIC_SECTIONS:
        lines += [""] + section(con, as_of_at)
    return lines


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=default_warehouse(),
        help="DuckDB file to read (default: $WAREHOUSE_PATH, else warehouse.duckdb at the root)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    warehouse: Path = args.warehouse
    if not warehouse.is_file():
        print(f"summary: no warehouse at {warehouse}", file=sys.stderr)
        return 1
    with duckdb.connect(str(warehouse), read_only=True) as con:
        lines = summarize(con)
    print(f"Warehouse {warehouse}\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
