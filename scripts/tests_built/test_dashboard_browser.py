"""The dashboard in a real browser: `scripts/dashboard` serves the built warehouse, headless
Chromium (Debian's chromium + chromium-driver, see scripts/install_browser) opens it through
Selenium, and every chart's plotted numbers, the headline metrics and the alert list are
compared with SQL on the marts. Screenshots go to build/check/ (SCREENSHOT_DIR to change).
"""

from __future__ import annotations

import base64
import contextlib
import math
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from built_warehouse import ROOT, built_warehouse, query_marts
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("CHROMEDRIVER_PATH", "/usr/bin/chromedriver"))
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "build" / "check"))
CHART_COUNT = 7
# Without the background-networking flags Chromium's own connections are refused on a closed
# network and page loads stall.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1600,2800",
)

# Every chart as plain data: title (without the theme's <b> tags), traces with their arrays
# (Plotly's base64 typed arrays are passed on as {dtype, bdata, shape} and decoded in Python),
# and the layout's shapes (threshold line, tolerance band).
CHARTS_JS = """
const plain = v => (v && typeof v === 'object' && 'bdata' in v)
    ? {dtype: v.dtype, bdata: v.bdata, shape: v.shape === undefined ? null : String(v.shape)}
    : (v === undefined ? null : v);
return Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
    title: ((gd.layout.title || {}).text || '').replace(/<[^>]+>/g, ''),
    ready: Boolean(gd._fullLayout) && Array.isArray(gd.data) && gd.data.length > 0,
    shapes: (gd.layout.shapes || []).map(s => ({y0: s.y0, y1: s.y1, type: s.type})),
    traces: (gd.data || []).map(t => ({
        name: t.name === undefined ? null : t.name, type: t.type,
        x: plain(t.x), y: plain(t.y), z: plain(t.z)})),
}));
"""


def decode(value: Any) -> list[Any]:
    """A trace array as a Python list (nested for 2-D), NaN for missing numbers."""
    if value is None:
        return []
    if isinstance(value, dict):
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if value.get("shape"):
            array = array.reshape([int(part) for part in value["shape"].split(",")])
        return array.tolist()
    return [math.nan if item is None else item for item in value]


@dataclass(frozen=True)
class Trace:
    name: str | None
    type: str
    x: list[Any]
    y: list[Any]
    z: list[Any]

    def points(self) -> dict[str, float]:
        return {str(x)[:10]: float(y) for x, y in zip(self.x, self.y, strict=True)}


@dataclass(frozen=True)
class Chart:
    title: str
    traces: list[Trace]
    shapes: list[dict[str, Any]]

    def trace(self, name: str) -> Trace:
        matches = [trace for trace in self.traces if trace.name == name]
        assert len(matches) == 1, f"{self.title}: no single trace {name!r} in {self.names()}"
        return matches[0]

    def names(self) -> list[str | None]:
        return [trace.name for trace in self.traces]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Server:
    url: str
    log: Path


@contextlib.contextmanager
def dashboard(warehouse: Path, log: Path) -> Iterator[Server]:
    """`scripts/dashboard` on a free port, serving `warehouse`; stopped (its process group)
    on exit."""
    port = free_port()
    environment = {**os.environ, "WAREHOUSE_PATH": str(warehouse), "DASHBOARD_PORT": str(port)}
    with log.open("w") as output:
        process = subprocess.Popen(
            [str(ROOT / "scripts" / "dashboard")],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"scripts/dashboard exited with {process.returncode}:\n{log.read_text()}"
                )
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the dashboard did not answer on {url} in 90 s:\n{log.read_text()}")
            time.sleep(0.5)
        yield Server(url=url, log=log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} missing: run scripts/install_browser (scripts/check does)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.TemporaryDirectory(prefix="chromium-profile-")
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile.name}"):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    except WebDriverException as error:
        profile.cleanup()
        pytest.fail(f"could not start headless Chromium: {error.msg}")
    driver.set_page_load_timeout(90)
    try:
        yield driver
    finally:
        driver.quit()
        profile.cleanup()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("dashboard") / "dashboard.log"
    with dashboard(built_warehouse(), log) as running:
        yield running


def body_text(driver: webdriver.Chrome) -> str:
    return str(driver.execute_script("return document.body.innerText"))


def assert_no_exception(driver: webdriver.Chrome, server: Server) -> None:
    shown = driver.find_elements("css selector", "[data-testid='stException']")
    assert not shown, f"the page shows an exception: {shown[0].text}\n{server.log.read_text()}"
    assert "Traceback" not in body_text(driver)


def open_charts(driver: webdriver.Chrome, server: Server, query: str = "") -> dict[str, Chart]:
    """Open the page and wait until every chart has rendered with data and the alert list is
    there; the charts by title."""
    driver.get(f"{server.url}/{query}")
    deadline = time.monotonic() + 120
    while True:
        charts = driver.execute_script(CHARTS_JS)
        alerts_ready = driver.find_elements(
            "css selector", "[data-testid='stTable'], [data-testid='stAlertContentSuccess']"
        )
        running = driver.find_elements("css selector", "[data-testid='stStatusWidget']")
        if len(charts) == CHART_COUNT and all(c["ready"] for c in charts) and alerts_ready:
            if not running:
                break
        if time.monotonic() > deadline:
            assert_no_exception(driver, server)
            pytest.fail(
                f"{len(charts)} of {CHART_COUNT} charts rendered after 120 s; page text:\n"
                f"{body_text(driver)[:2000]}"
            )
        time.sleep(0.5)
    assert_no_exception(driver, server)
    by_title = {
        chart["title"]: Chart(
            title=chart["title"],
            shapes=chart["shapes"],
            traces=[
                Trace(
                    name=trace["name"],
                    type=trace["type"],
                    x=decode(trace["x"]),
                    y=decode(trace["y"]),
                    z=decode(trace["z"]),
                )
                for trace in chart["traces"]
            ],
        )
        for chart in charts
    }
    assert len(by_title) == CHART_COUNT, f"chart titles are not distinct: {list(by_title)}"
    return by_title


def chart(charts: dict[str, Chart], title_start: str) -> Chart:
    matches = [chart for title, chart in charts.items() if title.startswith(title_start)]
    assert len(matches) == 1, f"no single chart titled {title_start!r} in {list(charts)}"
    return matches[0]


def close(actual: dict[str, float], expected: dict[str, float], what: str) -> None:
    assert expected, f"the marts have no rows for {what}: nothing would be compared"
    assert actual.keys() == expected.keys(), (
        f"{what}: plotted {sorted(actual)}, marts {sorted(expected)}"
    )
    for key, value in expected.items():
        assert actual[key] == pytest.approx(value, rel=1e-9, abs=1e-12), f"{what} at {key}"


def by_key(sql: str, parameters: tuple[object, ...] = ()) -> dict[str, float]:
    return {str(row[0]): float(row[1]) for row in query_marts(sql, parameters)}


def by_plan(sql: str, parameters: tuple[object, ...] = ()) -> dict[str, dict[str, float]]:
    """{plan: {week: value}} from rows (plan, week, value)."""
    result: dict[str, dict[str, float]] = {}
    for plan, week, value in query_marts(sql, parameters):
        if value is not None:
            result.setdefault(plan, {})[str(week)] = float(value)
    return result


def project_vars() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "dbt_project.yml").read_text())["vars"]


def percent(value: float) -> str:
    return f"{value:.1%}"


def headline_metrics(driver: webdriver.Chrome) -> dict[str, str]:
    """st.metric label -> shown value."""
    metrics = driver.find_elements("css selector", "[data-testid='stMetric']")
    result = {}
    for metric in metrics:
        label = metric.find_element("css selector", "[data-testid='stMetricLabel']").text.strip()
        result[label] = metric.find_element(
            "css selector", "[data-testid='stMetricValue']"
        ).text.strip()
    return result


def test_every_chart_shows_the_marts(browser: webdriver.Chrome, server: Server) -> None:
    charts = open_charts(browser, server)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    screenshot = SCREENSHOT_DIR / "dashboard.png"
    assert browser.save_screenshot(str(screenshot)), f"could not save {screenshot}"
    print(f"screenshot: {screenshot}")
    variables = project_vars()

    activation = chart(charts, "Weekly activation rate")
    for name, complete in (("complete week", True), ("provisional", False)):
        expected = by_key(
            """
            select cohort_week, cast(sum(activated_users) as double) / sum(signups)
            from marts.mart_activation_weekly
            group by cohort_week
            having bool_and(is_complete) = ?
            """,
            (complete,),
        )
        if complete:
            close(activation.trace(name).points(), expected, "activation rate, complete weeks")
        else:  # the check data may end with every week complete
            assert activation.trace(name).points() == pytest.approx(expected)
    threshold = float(variables["activation_rate_alert_threshold"])
    assert [shape["y0"] for shape in activation.shapes] == [threshold]

    retention = chart(charts, "Retention")
    heatmap = retention.traces[0]
    plotted = {
        (str(week), int(str(label).removeprefix("week "))): value
        for week, row in zip(heatmap.y, heatmap.z, strict=True)
        for label, value in zip(heatmap.x, row, strict=True)
        if not math.isnan(value)
    }
    expected_retention = {
        (str(week), int(k)): float(rate)
        for week, k, rate in query_marts(
            """
            select cohort_week, weeks_since_cohort, retention_rate
            from marts.mart_retention_weekly
            """
        )
    }
    assert expected_retention, "mart_retention_weekly is empty: nothing would be compared"
    assert plotted == pytest.approx(expected_retention)

    distribution = chart(charts, "Time to first agent: distribution")
    expected_hours = [
        row[0]
        for row in query_marts(
            """
            select hours_to_first_agent from marts.fct_user_activation
            where has_agent order by hours_to_first_agent
            """
        )
    ]
    assert expected_hours, "no user has an agent: nothing would be compared"
    assert sorted(distribution.traces[0].x) == pytest.approx(expected_hours)

    trend = chart(charts, "Time to first agent: median and mean")
    for statistic, column in (
        ("median", "median_hours_to_first_agent"),
        ("mean", "avg_hours_to_first_agent"),
    ):
        expected = by_plan(
            f"""
            select plan, cohort_week, {column} from marts.mart_time_to_first_agent_weekly
            where users_with_agent > 0
            """
        )
        assert {name for name in trend.names() if str(name).endswith(statistic)} == {
            f"{plan} {statistic}" for plan in expected
        }
        for plan, weeks in expected.items():
            close(trend.trace(f"{plan} {statistic}").points(), weeks, f"TTFA {statistic}, {plan}")

    usage = chart(charts, "Usage intensity")
    expected_usage = by_plan(
        """
        select plan, activity_week, dialogs_per_active_agent
        from marts.mart_usage_intensity_weekly
        """
    )
    assert set(usage.names()) == set(expected_usage)
    for plan, weeks in expected_usage.items():
        close(usage.trace(plan).points(), weeks, f"dialogs per active agent, {plan}")

    support = chart(charts, "Support requests")
    expected_support = by_plan(
        "select plan, request_week, support_requests from marts.mart_support_load_weekly"
    )
    assert set(support.names()) == set(expected_support)
    for plan, weeks in expected_support.items():
        close(support.trace(plan).points(), weeks, f"support requests, {plan}")

    pageviews = chart(charts, "Page views")
    for name, column in (
        ("Segment pages", "segment_page_views"),
        ("PostHog $pageview", "posthog_page_views"),
        ("Vercel pageview", "vercel_page_views"),
        ("PostHog vs Vercel deviation", "posthog_vs_vercel_deviation"),
    ):
        expected = by_key(
            f"""
            select date_day, {column} from marts.mart_pageviews_reconciliation_daily
            where {column} is not null
            """
        )
        points = {
            day: value
            for day, value in pageviews.trace(name).points().items()
            if not math.isnan(value)
        }
        close(points, expected, f"page views, {name}")
    flagged = by_key(
        """
        select date_day, posthog_vs_vercel_deviation from marts.mart_pageviews_reconciliation_daily
        where is_flagged
        """
    )
    assert pageviews.trace("flagged day").points() == pytest.approx(flagged)
    band = float(variables["pageview_deviation_threshold"])
    assert [(shape["y0"], shape["y1"]) for shape in pageviews.shapes] == [(0, band)]

    # The alert list: one table row per mart_alerts row.
    alerts = query_marts(
        "select alert_type, cast(period_start as varchar) from marts.mart_alerts order by all"
    )
    rows = browser.find_elements("css selector", "[data-testid='stTable'] tbody tr")
    shown = sorted(
        (cells[0].text.strip(), cells[1].text.strip())
        for cells in (row.find_elements("css selector", "th, td") for row in rows)
    )
    assert shown == sorted(alerts)

    metrics = headline_metrics(browser)
    latest = query_marts(
        """
        select cast(sum(activated_users) as double) / sum(signups)
        from marts.mart_activation_weekly
        where is_complete
        group by cohort_week
        order by cohort_week desc
        limit 1
        """
    )
    assert latest, "no complete cohort week in the check data"
    assert metrics["Activation rate, latest complete week"] == percent(latest[0][0])
    retained = query_marts(
        """
        select retention_rate from marts.mart_retention_weekly
        where weeks_since_cohort = 4 order by cohort_week desc limit 1
        """
    )
    assert retained, "no cohort reached week 4 in the check data"
    assert metrics["4-week retention, latest cohort"] == percent(retained[0][0])
    dialogs = query_marts("select sum(dialogs) from marts.mart_usage_intensity_weekly")[0][0]
    assert metrics["Dialogs in the selection"] == f"{int(dialogs):,}"
    assert metrics["Open alerts"] == str(len(alerts))


def test_filters_from_the_address(browser: webdriver.Chrome, server: Server) -> None:
    """?plan=…&industry=… preselects the filters; activation follows every segment, support
    only the plan (its mart has no other segment)."""
    rows = query_marts(
        """
        select plan, industry from marts.mart_activation_weekly
        where industry <> 'unknown'
        group by plan, industry
        order by sum(signups) desc, plan, industry
        limit 1
        """
    )
    assert rows, "no signups with a known industry"
    plan, industry = rows[0]
    charts = open_charts(browser, server, f"?plan={plan}&industry={industry}")
    expected = by_key(
        """
        select cohort_week, cast(sum(activated_users) as double) / sum(signups)
        from marts.mart_activation_weekly
        where plan = ? and industry = ?
        group by cohort_week
        """,
        (plan, industry),
    )
    activation = chart(charts, "Weekly activation rate")
    plotted = {
        **activation.trace("complete week").points(),
        **activation.trace("provisional").points(),
    }
    close(plotted, expected, f"activation rate of {plan} / {industry}")
    support = chart(charts, "Support requests")
    assert support.names() == [plan]
    close(
        support.trace(plan).points(),
        by_key(
            """
            select request_week, support_requests
            from marts.mart_support_load_weekly
            where plan = ?
            """,
            (plan,),
        ),
        f"support requests, {plan}",
    )


def test_missing_warehouse_shows_a_message(browser: webdriver.Chrome, tmp_path: Path) -> None:
    absent = tmp_path / "absent.duckdb"
    with dashboard(absent, tmp_path / "dashboard.log") as missing:
        browser.get(missing.url)
        deadline = time.monotonic() + 90
        while "No warehouse at" not in body_text(browser):
            if time.monotonic() > deadline:
                pytest.fail(f"no message about the missing warehouse:\n{body_text(browser)[:2000]}")
            time.sleep(0.5)
        assert_no_exception(browser, missing)
        assert str(absent) in body_text(browser)
        assert "scripts/run" in body_text(browser)
        assert not browser.execute_script(
            "return document.querySelectorAll('.js-plotly-plot').length"
        )
        browser.save_screenshot(str(SCREENSHOT_DIR / "dashboard_missing_warehouse.png"))
