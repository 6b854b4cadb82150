"""Read-only queries on the public marts for the dashboard (dashboard/app.py).

Everything the dashboard shows comes from a function here, so that it can be tested on a small
hand-built warehouse without a browser. The functions only select, filter and add up mart
columns the way metrics.md allows (sums of counts, ratios of sums); no metric is recomputed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import yaml

MARTS_SCHEMA = "marts"

# Every mart the dashboard reads. The dashboard's exposure (models/consumers/) must depend on
# exactly these; scripts/tests_built/test_exposures.py holds the two together.
REQUIRED_MARTS: tuple[str, ...] = (
    "fct_user_activation",
    "mart_activation_weekly",
    "mart_retention_weekly",
    "mart_time_to_first_agent_weekly",
    "mart_usage_intensity_weekly",
    "mart_support_load_weekly",
    "mart_pageviews_reconciliation_daily",
    "mart_alerts",
)


class WarehouseUnavailable(Exception):
    """The warehouse can't be read yet: a message for people, not a stack trace."""


@dataclass(frozen=True)
class Filters:
    """Segment filters; an empty tuple means every value."""

    plans: tuple[str, ...] = ()
    company_sizes: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()


@dataclass(frozen=True)
class Thresholds:
    """Alert thresholds, the dbt vars of the same names (fractions)."""

    activation_rate_alert_threshold: float
    pageview_deviation_threshold: float


@dataclass(frozen=True)
class FilterOptions:
    """The values each filter can take, from the data."""

    plans: list[str]
    company_sizes: list[str]
    industries: list[str]


def load_thresholds(project_file: Path) -> Thresholds:
    """Read the alert thresholds from the `vars:` of dbt_project.yml."""
    try:
        project = yaml.safe_load(project_file.read_text())
        variables = project["vars"]
        return Thresholds(
            activation_rate_alert_threshold=float(variables["activation_rate_alert_threshold"]),
            pageview_deviation_threshold=float(variables["pageview_deviation_threshold"]),
        )
    except (OSError, KeyError, TypeError, ValueError, yaml.YAMLError) as error:
        raise WarehouseUnavailable(
            f"Can't read the alert thresholds (vars activation_rate_alert_threshold and "
            f"pageview_deviation_threshold) from {project_file}: {error}"
        ) from error


@contextlib.contextmanager
def open_warehouse(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the DuckDB warehouse read-only and check that every mart the dashboard needs is
    built. The connection is closed on exit so that dbt can write again (DuckDB allows one
    writing process and no readers beside it)."""
    if not path.is_file():
        raise WarehouseUnavailable(
            f"No warehouse at {path}. Build it first with `scripts/run` (or point "
            f"WAREHOUSE_PATH at an existing DuckDB file)."
        )
    try:
        connection = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise WarehouseUnavailable(
            f"Can't open the warehouse {path} read-only ({error}). If dbt is building it right "
            f"now, reload this page when the build has finished."
        ) from error
    try:
        missing = missing_marts(connection)
        if missing:
            raise WarehouseUnavailable(
                f"The warehouse {path} has no built marts yet (missing: {', '.join(missing)} in "
                f"schema {MARTS_SCHEMA}). Run `scripts/run` to build them."
            )
        yield connection
    finally:
        connection.close()


def missing_marts(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The required marts that are not tables or views in the marts schema."""
    present = {
        row[0]
        for row in connection.execute(
            "select table_name from information_schema.tables where table_schema = ?",
            [MARTS_SCHEMA],
        ).fetchall()
    }
    return [mart for mart in REQUIRED_MARTS if mart not in present]


def _segment_condition(filters: Filters, *, with_user_segments: bool) -> tuple[str, list[str]]:
    """A SQL condition (with its parameters) for the filters; user segments only where the
    mart has them."""
    conditions: list[str] = ["true"]
    parameters: list[str] = []
    columns: list[tuple[str, Sequence[str]]] = [("plan", filters.plans)]
    if with_user_segments:
        columns += [("company_size", filters.company_sizes), ("industry", filters.industries)]
    for column, values in columns:
        if values:
            conditions.append(f"{column} in ({', '.join('?' for _ in values)})")
            parameters.extend(values)
    return " and ".join(conditions), parameters


def _frame(
    connection: duckdb.DuckDBPyConnection, sql: str, parameters: Sequence[object] = ()
) -> pd.DataFrame:
    return connection.execute(sql, list(parameters)).df()


def filter_options(connection: duckdb.DuckDBPyConnection) -> FilterOptions:
    """Plans, company sizes and industries present in the signups."""

    def values(column: str) -> list[str]:
        rows = connection.execute(
            f"select distinct {column} from {MARTS_SCHEMA}.mart_activation_weekly order by 1"
        ).fetchall()
        return [row[0] for row in rows]

    return FilterOptions(
        plans=values("plan"), company_sizes=values("company_size"), industries=values("industry")
    )


def weekly_activation(connection: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per signup cohort week: signups, activated users and the activation rate of the
    selected segments (a ratio of sums, never an average of rates), and whether the week is
    complete."""
    condition, parameters = _segment_condition(filters, with_user_segments=True)
    return _frame(
        connection,
        f"""
        select
            cohort_week,
            sum(signups) as signups,
            sum(activated_users) as activated_users,
            cast(sum(activated_users) as double) / sum(signups) as activation_rate,
            bool_and(is_complete) as is_complete
        from {MARTS_SCHEMA}.mart_activation_weekly
        where {condition}
        group by cohort_week
        order by cohort_week
        """,
        parameters,
    )


def retention_triangle(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every tenant cohort week × weeks since cohort that has ended (the mart's rows)."""
    return _frame(
        connection,
        f"""
        select cohort_week, weeks_since_cohort, cohort_tenants, active_tenants, retention_rate
        from {MARTS_SCHEMA}.mart_retention_weekly
        order by cohort_week, weeks_since_cohort
        """,
    )


def hours_to_first_agent(connection: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """One row per signed-up user of the selected segments who published an agent: the
    hours from signup to the first agent (the TTFA distribution)."""
    condition, parameters = _segment_condition(filters, with_user_segments=True)
    return _frame(
        connection,
        f"""
        select user_id, plan, cohort_week, hours_to_first_agent
        from {MARTS_SCHEMA}.fct_user_activation
        where has_agent and {condition}
        order by hours_to_first_agent, user_id
        """,
        parameters,
    )


def ttfa_weekly(connection: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per signup cohort week and plan: users with an agent and the mean, median and p90
    hours to first agent. Medians of different plans can't be combined, so the rows stay per
    plan; only the plan filter applies (the mart has no other segment)."""
    condition, parameters = _segment_condition(filters, with_user_segments=False)
    return _frame(
        connection,
        f"""
        select
            cohort_week,
            plan,
            users_with_agent,
            avg_hours_to_first_agent,
            median_hours_to_first_agent,
            p90_hours_to_first_agent
        from {MARTS_SCHEMA}.mart_time_to_first_agent_weekly
        where users_with_agent > 0 and {condition}
        order by plan, cohort_week
        """,
        parameters,
    )


def usage_intensity(connection: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per activity week and plan: active agents, dialogs and dialogs per active agent."""
    condition, parameters = _segment_condition(filters, with_user_segments=False)
    return _frame(
        connection,
        f"""
        select activity_week, plan, active_agents, dialogs, dialogs_per_active_agent
        from {MARTS_SCHEMA}.mart_usage_intensity_weekly
        where {condition}
        order by plan, activity_week
        """,
        parameters,
    )


def support_load(connection: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per request week and plan: support requests."""
    condition, parameters = _segment_condition(filters, with_user_segments=False)
    return _frame(
        connection,
        f"""
        select request_week, plan, support_requests
        from {MARTS_SCHEMA}.mart_support_load_weekly
        where {condition}
        order by plan, request_week
        """,
        parameters,
    )


def pageview_reconciliation(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per day: page views by source, PostHog vs Vercel deviation and the flag."""
    return _frame(
        connection,
        f"""
        select
            date_day,
            segment_page_views,
            posthog_page_views,
            vercel_page_views,
            posthog_vs_vercel_deviation,
            is_flagged
        from {MARTS_SCHEMA}.mart_pageviews_reconciliation_daily
        order by date_day
        """,
    )


def open_alerts(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every alert the latest build raised, newest period first."""
    return _frame(
        connection,
        f"""
        select alert_type, period_start, metric_value, threshold
        from {MARTS_SCHEMA}.mart_alerts
        order by period_start desc, alert_type
        """,
    )


def latest_complete_activation(weekly: pd.DataFrame) -> pd.Series | None:
    """The row of weekly_activation() for the latest complete cohort week, if any."""
    complete = weekly[weekly["is_complete"]]
    if complete.empty:
        return None
    return complete.sort_values("cohort_week").iloc[-1]


def latest_retention_4w(triangle: pd.DataFrame) -> pd.Series | None:
    """The row of retention_triangle() at k = 4 for the latest cohort that has reached it."""
    week_4 = triangle[triangle["weeks_since_cohort"] == 4]
    if week_4.empty:
        return None
    return week_4.sort_values("cohort_week").iloc[-1]
