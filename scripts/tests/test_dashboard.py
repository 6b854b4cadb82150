"""The dashboard's data access (dashboard/mart_queries.py) and page (dashboard/app.py) on a
hand-built warehouse whose right answers are worked out by hand, without a browser.
The browser test on the real build is scripts/tests_built/test_dashboard_browser.py."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "dashboard"))

import mart_queries as mq  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

# Two cohort weeks. Week 1 (complete): pro/1-10/saas 1 of 4 activated, free/11-50/retail 1 of
# 1: overall 2 / 5 = 0.4 (the mean of the two rates would be 0.625). Week 2 (not complete):
# pro/1-10/saas 3 of 4.
MARTS_SQL = """
create schema marts;
create table marts.mart_activation_weekly as
select * from (values
    (date '2026-01-05', 'pro', '1-10', 'saas', 4, 1, 0.25, true),
    (date '2026-01-05', 'free', '11-50', 'retail', 1, 1, 1.0, true),
    (date '2026-01-12', 'pro', '1-10', 'saas', 4, 3, 0.75, false)
) as t(cohort_week, plan, company_size, industry, signups, activated_users, activation_rate,
       is_complete);
create table marts.fct_user_activation as
select * from (values
    ('usr_1', 'pro', '1-10', 'saas', date '2026-01-05', true, 10.0),
    ('usr_2', 'pro', '1-10', 'saas', date '2026-01-05', false, null),
    ('usr_3', 'free', '11-50', 'retail', date '2026-01-05', true, 30.0),
    ('usr_4', 'pro', '1-10', 'saas', date '2026-01-12', true, 2.5)
) as t(user_id, plan, company_size, industry, cohort_week, has_agent, hours_to_first_agent);
create table marts.mart_retention_weekly as
select * from (values
    (date '2025-12-01', 0, 4, 4, 1.0),
    (date '2025-12-01', 4, 4, 1, 0.25),
    (date '2025-12-08', 0, 2, 2, 1.0),
    (date '2025-12-08', 4, 2, 1, 0.5),
    (date '2025-12-15', 0, 5, 5, 1.0)
) as t(cohort_week, weeks_since_cohort, cohort_tenants, active_tenants, retention_rate);
create table marts.mart_time_to_first_agent_weekly as
select * from (values
    (date '2026-01-05', 'pro', 2, 1, 10.0, 10.0, 10.0),
    (date '2026-01-05', 'free', 1, 1, 30.0, 30.0, 30.0),
    (date '2026-01-12', 'pro', 4, 1, 2.5, 2.5, 2.5),
    (date '2026-01-12', 'free', 3, 0, null, null, null)
) as t(cohort_week, plan, signups, users_with_agent, avg_hours_to_first_agent,
       median_hours_to_first_agent, p90_hours_to_first_agent);
create table marts.mart_usage_intensity_weekly as
select * from (values
    (date '2026-01-05', 'pro', 2, 10, 5.0),
    (date '2026-01-05', 'free', 1, 3, 3.0)
) as t(activity_week, plan, active_agents, dialogs, dialogs_per_active_agent);
create table marts.mart_support_load_weekly as
select * from (values
    (date '2026-01-05', 'pro', 2),
    (date '2026-01-05', 'unknown', 1)
) as t(request_week, plan, support_requests);
create table marts.mart_pageviews_reconciliation_daily as
select * from (values
    (date '2026-01-05', 100, 120, 100, 0.2, true),
    (date '2026-01-06', 100, 101, 100, 0.01, false)
) as t(date_day, segment_page_views, posthog_page_views, vercel_page_views,
       posthog_vs_vercel_deviation, is_flagged);
create table marts.mart_alerts as
select * from (values
    ('pageview_deviation', date '2026-01-05', 0.2, 0.15),
    ('activation_below_threshold', date '2025-12-29', 0.2, 0.25)
) as t(alert_type, period_start, metric_value, threshold);
"""


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute(MARTS_SQL)
    return path


@pytest.fixture
def connection(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with mq.open_warehouse(warehouse) as opened:
        yield opened


def test_missing_warehouse_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(mq.WarehouseUnavailable, match="No warehouse at .*scripts/run"):
        with mq.open_warehouse(tmp_path / "absent.duckdb"):
            pass


def test_warehouse_without_marts_names_the_missing_ones(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts; create table marts.mart_alerts (x int)")
    with pytest.raises(mq.WarehouseUnavailable) as raised:
        with mq.open_warehouse(path):
            pass
    message = str(raised.value)
    assert "fct_user_activation" in message and "mart_retention_weekly" in message
    assert "mart_alerts" not in message


def test_warehouse_is_read_only_and_released_after_use(warehouse: Path) -> None:
    with mq.open_warehouse(warehouse) as connection:
        with pytest.raises(duckdb.Error):
            connection.execute("create table marts.scratch (x int)")
    # Closed on exit: a writer (dbt) can open the file again.
    with duckdb.connect(str(warehouse)) as writer:
        writer.execute("create table marts.scratch (x int)")


def test_weekly_activation_is_a_ratio_of_sums(connection: duckdb.DuckDBPyConnection) -> None:
    weekly = mq.weekly_activation(connection, mq.Filters())
    assert weekly["cohort_week"].dt.date.tolist() == [date(2026, 1, 5), date(2026, 1, 12)]
    assert weekly["signups"].tolist() == [5, 4]
    assert weekly["activation_rate"].tolist() == pytest.approx([0.4, 0.75])
    assert weekly["is_complete"].tolist() == [True, False]


@pytest.mark.parametrize(
    ("filters", "expected_rates"),
    [
        (mq.Filters(plans=("pro",)), [0.25, 0.75]),
        (mq.Filters(industries=("retail",)), [1.0]),
        (mq.Filters(company_sizes=("1-10", "11-50"), plans=("free",)), [1.0]),
        (mq.Filters(plans=("enterprise",)), []),
    ],
)
def test_weekly_activation_filters_every_segment(
    connection: duckdb.DuckDBPyConnection, filters: mq.Filters, expected_rates: list[float]
) -> None:
    weekly = mq.weekly_activation(connection, filters)
    assert weekly["activation_rate"].tolist() == pytest.approx(expected_rates)


def test_latest_complete_activation_skips_provisional_weeks(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    latest = mq.latest_complete_activation(mq.weekly_activation(connection, mq.Filters()))
    assert latest is not None
    assert latest["cohort_week"].date() == date(2026, 1, 5)
    assert latest["activation_rate"] == pytest.approx(0.4)
    only_provisional = mq.weekly_activation(connection, mq.Filters(plans=("pro",))).iloc[1:]
    assert mq.latest_complete_activation(only_provisional) is None


def test_hours_to_first_agent_only_users_with_an_agent(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    everyone = mq.hours_to_first_agent(connection, mq.Filters())
    assert everyone["user_id"].tolist() == ["usr_4", "usr_1", "usr_3"]
    small = mq.hours_to_first_agent(connection, mq.Filters(company_sizes=("11-50",)))
    assert small["hours_to_first_agent"].tolist() == [30.0]


def test_ttfa_weekly_keeps_plans_apart_and_drops_weeks_without_agents(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    weekly = mq.ttfa_weekly(connection, mq.Filters())
    assert list(zip(weekly["plan"], weekly["median_hours_to_first_agent"], strict=True)) == [
        ("free", 30.0),
        ("pro", 10.0),
        ("pro", 2.5),
    ]
    assert mq.ttfa_weekly(connection, mq.Filters(plans=("free",)))["plan"].tolist() == ["free"]


def test_retention_triangle_and_latest_week_4(connection: duckdb.DuckDBPyConnection) -> None:
    triangle = mq.retention_triangle(connection)
    assert len(triangle) == 5
    latest = mq.latest_retention_4w(triangle)
    assert latest is not None
    assert latest["cohort_week"].date() == date(2025, 12, 8)
    assert latest["retention_rate"] == pytest.approx(0.5)
    assert mq.latest_retention_4w(triangle[triangle["weeks_since_cohort"] == 0]) is None


def test_plan_filter_on_usage_and_support(connection: duckdb.DuckDBPyConnection) -> None:
    filters = mq.Filters(plans=("pro",), industries=("saas",))
    assert mq.usage_intensity(connection, filters)["dialogs"].tolist() == [10]
    assert mq.support_load(connection, filters)["support_requests"].tolist() == [2]
    assert sorted(mq.support_load(connection, mq.Filters())["plan"]) == ["pro", "unknown"]


def test_alerts_newest_first(connection: duckdb.DuckDBPyConnection) -> None:
    alerts = mq.open_alerts(connection)
    assert alerts["alert_type"].tolist() == ["pageview_deviation", "activation_below_threshold"]


def test_filter_options_come_from_the_data(connection: duckdb.DuckDBPyConnection) -> None:
    options = mq.filter_options(connection)
    assert options == mq.FilterOptions(
        plans=["free", "pro"], company_sizes=["1-10", "11-50"], industries=["retail", "saas"]
    )


def test_thresholds_from_the_project_vars(tmp_path: Path) -> None:
    project = tmp_path / "dbt_project.yml"
    project.write_text(
        "vars:\n  activation_rate_alert_threshold: 0.3\n  pageview_deviation_threshold: 0.1\n"
    )
    assert mq.load_thresholds(project) == mq.Thresholds(0.3, 0.1)
    project.write_text("vars:\n  activation_rate_alert_threshold: 0.3\n")
    with pytest.raises(mq.WarehouseUnavailable, match="pageview_deviation_threshold"):
        mq.load_thresholds(project)


def run_app(warehouse: Path, monkeypatch: pytest.MonkeyPatch, **query: list[str]) -> AppTest:
    monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse))
    app = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    for parameter, values in query.items():
        app.query_params[parameter] = values
    return app.run()


def test_page_without_warehouse_shows_a_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = run_app(tmp_path / "absent.duckdb", monkeypatch)
    assert not app.exception
    assert [warning.value for warning in app.warning] == [
        f"No warehouse at {tmp_path / 'absent.duckdb'}. Build it first with `scripts/run` (or "
        "point WAREHOUSE_PATH at an existing DuckDB file)."
    ]
    assert not app.get("plotly_chart")


def test_page_on_the_hand_built_warehouse(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(warehouse, monkeypatch)
    assert not app.exception
    assert not app.warning
    assert len(app.get("plotly_chart")) == 7
    assert [metric.value for metric in app.metric] == ["40.0%", "50.0%", "13", "2"]
    assert len(app.table) == 1


def test_page_filters_from_the_address(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(warehouse, monkeypatch, plan=["pro"])
    assert not app.exception
    assert app.multiselect(key="plan").value == ["pro"]
    # pro's complete week: 1 of 4; dialogs of pro only.
    assert [metric.value for metric in app.metric][0] == "25.0%"
    assert [metric.value for metric in app.metric][2] == "10"
