"""scripts/deliver_alerts.py against a recording HTTP server on 127.0.0.1.

The warehouse is a temporary DuckDB file with hand-made mart rows (no dbt build): two
alerts, two agents of one tenant whose plan changed between their publications.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import deliver_alerts
import duckdb
import pytest

FIXED_NOW = datetime(2026, 3, 2, 6, 0, 0)


class RecordingServer:
    """Records every POST (path, JSON body); answers each with the next planned status.

    `plan` holds statuses for the next requests in order (then 200); the status "sleep"
    answers nothing for `sleep_seconds`, so the client times out.
    """

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict]] = []
        self.plan: list[int | str] = []
        self.sleep_seconds = 2.0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length))
                server.requests.append((self.path, body))
                status = server.plan.pop(0) if server.plan else 200
                if status == "sleep":
                    time.sleep(server.sleep_seconds)
                    status = 200
                self.send_response(int(status))
                self.end_headers()
                self.wfile.write(b"ok" if status == 200 else b"internal_error")

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def texts(self, path: str) -> list[str]:
        return [body["text"] for request_path, body in self.requests if request_path == path]


@pytest.fixture
def server() -> Iterator[RecordingServer]:
    recording = RecordingServer()
    recording.thread.start()
    yield recording
    recording.httpd.shutdown()
    recording.httpd.server_close()


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute(
            """
            create table marts.mart_alerts as select * from (values
                ('activation_below_threshold:2026-02-09', 'activation_below_threshold',
                 date '2026-02-09', 0.2, 0.25),
                ('support_request_spike:2026-02-20', 'support_request_spike',
                 date '2026-02-20', 9.0, 6.5)
            ) as t(alert_id, alert_type, period_start, metric_value, threshold)
            """
        )
        con.execute(
            """
            create table marts.dim_agents as select * from (values
                ('agt_1', 'ten_1', 'usr_1', 'whatsapp', 'gpt-4o',
                 timestamp '2026-02-01 10:00:00'),
                ('agt_2', 'ten_1', 'usr_1', 'web_widget', 'claude-3',
                 timestamp '2026-02-15 12:30:00')
            ) as t(agent_id, tenant_id, published_by_user_id, channel, llm_model,
                   first_published_at)
            """
        )
        # ten_1 was on free until 2026-02-10, then pro: agt_1 is free, agt_2 is pro.
        con.execute(
            """
            create table marts.dim_tenant_plan_history as select * from (values
                ('ten_1', 'free', timestamp '2026-01-01 00:00:00',
                 timestamp '2026-02-10 00:00:00'),
                ('ten_1', 'pro', timestamp '2026-02-10 00:00:00', null)
            ) as t(tenant_id, plan, valid_from, valid_to)
            """
        )
    return path


def environ(server: RecordingServer) -> dict[str, str]:
    return {
        deliver_alerts.ALERTS_URL_ENV: f"{server.base_url}/alerts",
        deliver_alerts.INSIGHTS_URL_ENV: f"{server.base_url}/insights",
    }


def run(warehouse: Path, env: dict[str, str], timeout: float = 5.0) -> dict[str, tuple]:
    results = deliver_alerts.run(warehouse, env, timeout, now=lambda: FIXED_NOW)
    return {r.feed: (r.delivered, r.failed, r.deferred, r.skipped_reason) for r in results}


def state_rows(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse)) as con:
        return con.execute(
            "select feed, notification_key, attempts, delivered_at is not null, last_error"
            " from ops.delivered_notifications order by feed, notification_key"
        ).fetchall()


def test_delivers_each_alert_and_each_new_agent_with_its_plan_at_publication(
    server: RecordingServer, warehouse: Path
) -> None:
    counts = run(warehouse, environ(server))

    assert counts == {"alerts": (2, 0, 0, None), "product-insights": (2, 0, 0, None)}
    alerts = server.texts("/alerts")
    assert len(alerts) == 2
    assert "activation_below_threshold" in alerts[0] and "2026-02-09" in alerts[0]
    assert "0.200" in alerts[0] and "0.250" in alerts[0]
    assert "support_request_spike" in alerts[1] and "9.00" in alerts[1]
    insights = server.texts("/insights")
    assert len(insights) == 2
    assert "agt_1" in insights[0] and "whatsapp" in insights[0] and "gpt-4o" in insights[0]
    assert "plan free" in insights[0]
    assert "agt_2" in insights[1] and "plan pro" in insights[1]
    assert all(row[3] for row in state_rows(warehouse))


def test_rerun_sends_nothing_twice_and_a_new_row_once(
    server: RecordingServer, warehouse: Path
) -> None:
    run(warehouse, environ(server))
    assert run(warehouse, environ(server)) == {
        "alerts": (0, 0, 0, None),
        "product-insights": (0, 0, 0, None),
    }
    assert len(server.requests) == 4

    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "insert into marts.mart_alerts values ('pageview_deviation:2026-02-25',"
            " 'pageview_deviation', date '2026-02-25', 0.3, 0.15)"
        )
    assert run(warehouse, environ(server))["alerts"] == (1, 0, 0, None)
    assert len(server.requests) == 5
    assert "pageview_deviation" in server.texts("/alerts")[-1]


def test_a_failed_post_is_reported_and_retried_on_the_next_run(
    server: RecordingServer, warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.plan = [500]  # the first request of the run fails: the first alert

    first = run(warehouse, environ(server))

    assert first["alerts"] == (1, 1, 0, None)
    assert "activation_below_threshold:2026-02-09: NOT delivered (HTTP 500" in (
        capsys.readouterr().err
    )
    assert ("alerts", "activation_below_threshold:2026-02-09", 1, False, "HTTP 500 "
            "Internal Server Error: internal_error") in state_rows(warehouse)  # fmt: skip

    second = run(warehouse, environ(server))

    assert second["alerts"] == (1, 0, 0, None)
    retried = server.texts("/alerts")
    assert len(retried) == 3  # failed, delivered, then the retry
    assert retried[0] == retried[2] and "activation_below_threshold" in retried[2]
    row = [r for r in state_rows(warehouse) if r[1] == "activation_below_threshold:2026-02-09"]
    assert row == [("alerts", "activation_below_threshold:2026-02-09", 2, True, None)]


def test_a_timeout_is_reported_and_the_rest_of_the_feed_waits(
    server: RecordingServer, warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.plan = ["sleep"]
    server.sleep_seconds = 1.5

    started = time.monotonic()
    counts = run(warehouse, {deliver_alerts.ALERTS_URL_ENV: f"{server.base_url}/alerts"}, 0.3)

    assert time.monotonic() - started < 1.4  # one timeout, not one per message
    assert counts["alerts"] == (0, 1, 1, None)
    assert counts["product-insights"][3] == f"{deliver_alerts.INSIGHTS_URL_ENV} not set"
    err = capsys.readouterr().err
    assert "timed out after 0.3s" in err and "1 pending message(s) wait" in err
    time.sleep(1.5)  # let the server finish the slow answer
    assert run(warehouse, environ(server))["alerts"] == (2, 0, 0, None)


def test_an_unreachable_webhook_is_reported_not_raised(
    warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Port 9 on 127.0.0.1 (discard) has no listener here: the connection is refused.
    env = {deliver_alerts.ALERTS_URL_ENV: "http://127.0.0.1:9/alerts"}

    assert run(warehouse, env, 2.0)["alerts"] == (0, 1, 1, None)
    assert "cannot connect" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("bad_url", "shown"),
    [
        ("hooks.slack.com/services/T0/B0/secret", "'hooks.slack.com/…'"),
        ("ftp://host/services/secret", "'ftp://host/…'"),
        ("http://", "'http://'"),
    ],
)
def test_a_bad_webhook_url_is_a_clear_configuration_error(
    server: RecordingServer,
    warehouse: Path,
    bad_url: str,
    shown: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(deliver_alerts.ALERTS_URL_ENV, bad_url)
    monkeypatch.setenv(deliver_alerts.INSIGHTS_URL_ENV, f"{server.base_url}/insights")

    assert deliver_alerts.main(["--warehouse", str(warehouse)]) == 2

    err = capsys.readouterr().err
    assert "SLACK_ALERTS_WEBHOOK_URL is not a valid webhook URL" in err and shown in err
    assert "secret" not in err  # the webhook's path is its credential
    assert server.requests == []  # nothing posted to the good feed either


def test_a_mart_that_is_not_built_is_a_configuration_error(
    server: RecordingServer,
    warehouse: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with duckdb.connect(str(warehouse)) as con:
        con.execute("drop table marts.mart_alerts")
    monkeypatch.setenv(deliver_alerts.ALERTS_URL_ENV, f"{server.base_url}/alerts")

    assert deliver_alerts.main(["--warehouse", str(warehouse)]) == 2
    assert "marts.mart_alerts not built" in capsys.readouterr().err


def test_failed_posts_exit_zero_unless_fail_on_error(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(deliver_alerts.ALERTS_URL_ENV, "http://127.0.0.1:9/alerts")
    monkeypatch.delenv(deliver_alerts.INSIGHTS_URL_ENV, raising=False)

    assert deliver_alerts.main(["--warehouse", str(warehouse), "--timeout", "2"]) == 0
    assert deliver_alerts.main(["--warehouse", str(warehouse), "--fail-on-error"]) == 1


def test_baseline_records_history_without_posting(server: RecordingServer, warehouse: Path) -> None:
    results = deliver_alerts.run(warehouse, environ(server), 5.0, baseline=True)

    assert [(r.feed, r.delivered) for r in results] == [("alerts", 2), ("product-insights", 2)]
    assert server.requests == []
    assert run(warehouse, environ(server)) == {
        "alerts": (0, 0, 0, None),
        "product-insights": (0, 0, 0, None),
    }


def test_more_pending_than_the_limit_posts_nothing_and_says_baseline(
    server: RecordingServer,
    warehouse: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(deliver_alerts.ALERTS_URL_ENV, f"{server.base_url}/alerts")
    monkeypatch.delenv(deliver_alerts.INSIGHTS_URL_ENV, raising=False)

    assert deliver_alerts.main(["--warehouse", str(warehouse), "--max-per-feed", "1"]) == 2

    assert server.requests == []
    assert "alerts: 2 messages pending, more than --max-per-feed 1" in capsys.readouterr().err
    assert deliver_alerts.main(["--warehouse", str(warehouse), "--max-per-feed", "2"]) == 0
    assert len(server.texts("/alerts")) == 2
