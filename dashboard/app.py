"""Product analytics dashboard: the public marts as charts (Streamlit + Plotly).

Start it with `scripts/dashboard` (127.0.0.1, port DASHBOARD_PORT or 8501). It reads the DuckDB
warehouse at WAREHOUSE_PATH (default warehouse.duckdb at the repository root) read-only and
only through mart_queries. Filters can also be given in the address:
`?plan=pro&plan=free&company_size=11-50&industry=saas`.
"""

from __future__ import annotations

import os
from pathlib import Path

import mart_queries as mq
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

ROOT = Path(__file__).resolve().parents[1]

# Chart titles: the browser test finds each chart by its title.
TITLE_ACTIVATION = "Weekly activation rate (7 days) by signup cohort"
TITLE_RETENTION = "Retention: share of each tenant cohort active in week k"
TITLE_TTFA_DISTRIBUTION = "Time to first agent: distribution (hours)"
TITLE_TTFA_TREND = "Time to first agent: median and mean by signup cohort (hours)"
TITLE_USAGE = "Usage intensity: dialogs per active agent"
TITLE_SUPPORT = "Support requests per week by plan"
TITLE_PAGEVIEWS = "Page views by source, and PostHog vs Vercel deviation"


def warehouse_path() -> Path:
    path = Path(os.environ.get("WAREHOUSE_PATH", "warehouse.duckdb"))
    return path if path.is_absolute() else ROOT / path


def percent(value: float) -> str:
    return f"{value:.1%}"


def plan_colors(plans: list[str]) -> dict[str, str]:
    """One colour per plan, the same in every chart."""
    palette = px.colors.qualitative.Safe
    return {plan: palette[index % len(palette)] for index, plan in enumerate(plans)}


def sidebar_filters(options: mq.FilterOptions) -> mq.Filters:
    """Multiselects for plan, company size and industry; defaults from the address."""
    st.sidebar.header("Filters")
    st.sidebar.caption("Empty means all. Charts without a segment say which filters apply.")

    def pick(label: str, parameter: str, values: list[str]) -> tuple[str, ...]:
        requested = [value for value in st.query_params.get_all(parameter) if value in values]
        return tuple(st.sidebar.multiselect(label, values, default=requested, key=parameter))

    return mq.Filters(
        plans=pick("Plan", "plan", options.plans),
        company_sizes=pick("Company size", "company_size", options.company_sizes),
        industries=pick("Industry", "industry", options.industries),
    )


def activation_chart(weekly: pd.DataFrame, threshold: float) -> go.Figure:
    figure = go.Figure()
    for is_complete, name, dash in (
        (True, "complete week", "solid"),
        (False, "provisional", "dot"),
    ):
        part = weekly[weekly["is_complete"] == is_complete]
        figure.add_trace(
            go.Scatter(
                x=part["cohort_week"].astype(str),
                y=part["activation_rate"],
                name=name,
                mode="lines+markers",
                line={"dash": dash},
                customdata=part[["activated_users", "signups"]],
                hovertemplate="%{x}: %{y:.1%} (%{customdata[0]} of %{customdata[1]})",
            )
        )
    figure.add_hline(
        y=threshold,
        line={"color": "red", "dash": "dash"},
        annotation_text=f"alert threshold {percent(threshold)}",
    )
    figure.update_layout(title=TITLE_ACTIVATION, yaxis={"tickformat": ".0%", "rangemode": "tozero"})
    return figure


def retention_chart(triangle: pd.DataFrame) -> go.Figure:
    matrix = triangle.pivot(
        index="cohort_week", columns="weeks_since_cohort", values="retention_rate"
    ).sort_index(ascending=False)
    figure = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=[f"week {k}" for k in matrix.columns],
            y=[pd.Timestamp(week).strftime("%Y-%m-%d") for week in matrix.index],
            colorscale="Blues",
            zmin=0,
            zmax=1,
            texttemplate="%{z:.0%}",
            hovertemplate="cohort %{y}, %{x}: %{z:.1%}<extra></extra>",
        )
    )
    figure.update_layout(
        title=TITLE_RETENTION,
        xaxis={"type": "category"},
        yaxis={"type": "category", "title": "tenant cohort week"},
    )
    return figure


def ttfa_distribution_chart(users: pd.DataFrame) -> go.Figure:
    figure = px.histogram(users, x="hours_to_first_agent", nbins=40, title=TITLE_TTFA_DISTRIBUTION)
    figure.update_layout(xaxis_title="hours from signup to first agent", yaxis_title="users")
    return figure


def ttfa_trend_chart(weekly: pd.DataFrame, colors: dict[str, str]) -> go.Figure:
    figure = go.Figure()
    for plan, rows in weekly.groupby("plan", sort=True):
        figure.add_trace(
            go.Scatter(
                x=rows["cohort_week"].astype(str),
                y=rows["median_hours_to_first_agent"],
                name=f"{plan} median",
                mode="lines+markers",
                line={"color": colors.get(str(plan))},
            )
        )
        figure.add_trace(
            go.Scatter(
                x=rows["cohort_week"].astype(str),
                y=rows["avg_hours_to_first_agent"],
                name=f"{plan} mean",
                mode="lines",
                line={"color": colors.get(str(plan)), "dash": "dot"},
            )
        )
    figure.update_layout(title=TITLE_TTFA_TREND, yaxis_title="hours")
    return figure


def usage_chart(usage: pd.DataFrame, colors: dict[str, str]) -> go.Figure:
    figure = go.Figure()
    for plan, rows in usage.groupby("plan", sort=True):
        figure.add_trace(
            go.Scatter(
                x=rows["activity_week"].astype(str),
                y=rows["dialogs_per_active_agent"],
                name=str(plan),
                mode="lines+markers",
                line={"color": colors.get(str(plan))},
                customdata=rows[["dialogs", "active_agents"]],
                hovertemplate="%{x}: %{y:.1f} (%{customdata[0]} dialogs, %{customdata[1]} agents)",
            )
        )
    figure.update_layout(title=TITLE_USAGE, yaxis_title="dialogs per active agent")
    return figure


def support_chart(support: pd.DataFrame, colors: dict[str, str]) -> go.Figure:
    figure = go.Figure()
    for plan, rows in support.groupby("plan", sort=True):
        figure.add_trace(
            go.Bar(
                x=rows["request_week"].astype(str),
                y=rows["support_requests"],
                name=str(plan),
                marker={"color": colors.get(str(plan))},
            )
        )
    figure.update_layout(title=TITLE_SUPPORT, barmode="stack", yaxis_title="requests")
    return figure


def pageviews_chart(daily: pd.DataFrame, threshold: float) -> go.Figure:
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    days = daily["date_day"].astype(str)
    for column, name in (
        ("segment_page_views", "Segment pages"),
        ("posthog_page_views", "PostHog $pageview"),
        ("vercel_page_views", "Vercel pageview"),
    ):
        figure.add_trace(go.Scatter(x=days, y=daily[column], name=name, mode="lines"), 1, 1)
    figure.add_trace(
        go.Scatter(
            x=days,
            y=daily["posthog_vs_vercel_deviation"],
            name="PostHog vs Vercel deviation",
            mode="lines+markers",
            line={"color": "black"},
        ),
        2,
        1,
    )
    flagged = daily[daily["is_flagged"]]
    figure.add_trace(
        go.Scatter(
            x=flagged["date_day"].astype(str),
            y=flagged["posthog_vs_vercel_deviation"],
            name="flagged day",
            mode="markers",
            marker={"color": "red", "size": 11, "symbol": "x"},
        ),
        2,
        1,
    )
    figure.add_hrect(
        y0=0,
        y1=threshold,
        fillcolor="green",
        opacity=0.12,
        line_width=0,
        annotation_text=f"within {percent(threshold)}",
        row=2,
        col=1,
    )
    figure.update_yaxes(title_text="page views", row=1, col=1)
    figure.update_yaxes(title_text="deviation", tickformat=".0%", row=2, col=1)
    figure.update_layout(title=TITLE_PAGEVIEWS, height=560)
    return figure


def show_headlines(
    activation: pd.DataFrame,
    triangle: pd.DataFrame,
    usage: pd.DataFrame,
    alerts: pd.DataFrame,
    threshold: float,
) -> None:
    latest = mq.latest_complete_activation(activation)
    retained = mq.latest_retention_4w(triangle)
    columns = st.columns(4)
    if latest is None:
        columns[0].metric("Activation rate, latest complete week", "no complete week")
    else:
        columns[0].metric(
            "Activation rate, latest complete week",
            percent(latest["activation_rate"]),
            help=f"Cohort week {latest['cohort_week']}: {int(latest['activated_users'])} of "
            f"{int(latest['signups'])} signups; alert below {percent(threshold)}",
        )
    if retained is None:
        columns[1].metric("4-week retention, latest cohort", "no cohort at week 4 yet")
    else:
        columns[1].metric(
            "4-week retention, latest cohort",
            percent(retained["retention_rate"]),
            help=f"Tenant cohort week {retained['cohort_week']}",
        )
    columns[2].metric("Dialogs in the selection", f"{int(usage['dialogs'].sum()):,}")
    columns[3].metric("Open alerts", str(len(alerts)))


def show_alerts(alerts: pd.DataFrame) -> None:
    st.subheader("Open alerts")
    if alerts.empty:
        st.success("No open alerts.")
        return
    table = alerts.assign(
        period_start=alerts["period_start"].astype(str),
        metric_value=alerts["metric_value"].map(lambda value: f"{value:.4g}"),
        threshold=alerts["threshold"].map(lambda value: f"{value:.4g}"),
    )
    st.table(table.set_index("alert_type"))


def main() -> None:
    st.set_page_config(page_title="Product analytics", layout="wide")
    st.title("Product analytics")
    path = warehouse_path()
    try:
        thresholds = mq.load_thresholds(ROOT / "dbt_project.yml")
        with mq.open_warehouse(path) as connection:
            options = mq.filter_options(connection)
            filters = sidebar_filters(options)
            activation = mq.weekly_activation(connection, filters)
            triangle = mq.retention_triangle(connection)
            ttfa_users = mq.hours_to_first_agent(connection, filters)
            ttfa_weekly = mq.ttfa_weekly(connection, filters)
            usage = mq.usage_intensity(connection, filters)
            support = mq.support_load(connection, filters)
            pageviews = mq.pageview_reconciliation(connection)
            alerts = mq.open_alerts(connection)
    except mq.WarehouseUnavailable as problem:
        st.warning(str(problem), icon="⚠️")
        st.stop()
        return
    st.caption(f"Warehouse: {path} (read-only). Weeks are ISO weeks (Monday, UTC).")

    # Plans of support requests can include `unknown`, which has no signups.
    colors = plan_colors(sorted({*options.plans, *support["plan"], *usage["plan"]}))
    show_headlines(activation, triangle, usage, alerts, thresholds.activation_rate_alert_threshold)
    left, right = st.columns(2)
    left.plotly_chart(
        activation_chart(activation, thresholds.activation_rate_alert_threshold),
        width="stretch",
    )
    right.plotly_chart(retention_chart(triangle), width="stretch")
    right.caption("Tenant-level: plan, company size and industry filters do not apply.")
    left, right = st.columns(2)
    left.plotly_chart(ttfa_distribution_chart(ttfa_users), width="stretch")
    right.plotly_chart(ttfa_trend_chart(ttfa_weekly, colors), width="stretch")
    right.caption("Per plan: medians of different plans can't be combined; plan filter only.")
    left, right = st.columns(2)
    left.plotly_chart(usage_chart(usage, colors), width="stretch")
    left.caption("Plan at the dialog's start; plan filter only.")
    right.plotly_chart(support_chart(support, colors), width="stretch")
    right.caption("Requester's tenant plan at the request; plan filter only.")
    st.plotly_chart(
        pageviews_chart(pageviews, thresholds.pageview_deviation_threshold),
        width="stretch",
    )
    show_alerts(alerts)


main()
