"""Post new alerts and new agents from the marts to Slack incoming webhooks.

Two feeds, each with its own webhook URL from the environment:
  alerts            every new row of marts.mart_alerts          SLACK_ALERTS_WEBHOOK_URL
  product-insights  every newly published agent (dim_agents:   SLACK_PRODUCT_INSIGHTS_WEBHOOK_URL
                    agent, channel, model, tenant plan when published)

What was sent is remembered in the warehouse, in `ops.delivered_notifications` (its own
schema, which dbt neither manages nor drops): one row per feed and key (`alert_id`,
`agent_id`) with the attempts, the last error and the time it was delivered. A row that is
delivered is never posted again; a failed post stays pending and is retried on the next run.
A feed whose URL is not set is skipped with a message (nothing is recorded for it).

Failures never crash the pipeline: an HTTP error status, a timeout or a refused connection
is reported on stderr (feed, key, reason) and the run goes on; after a timeout or a
connection failure the rest of that feed waits for the next run instead of timing out once
per message. `--baseline` records every current row as delivered without posting, for the
first run against a warehouse with history; without it, a feed with more pending messages
than --max-per-feed (default 50) posts nothing and is a configuration error, so a first run
never floods a channel with history.

Exit status: 0 when every post succeeded or was skipped, and also when some posts failed
(they are retried next run) unless --fail-on-error, which makes that 1; 2 on a configuration
error: a webhook URL that is not an http(s) URL, a missing warehouse, a mart that is not
built, or more pending messages than --max-per-feed.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

REPO_ROOT = Path(__file__).resolve().parent.parent
STATE_SCHEMA = "ops"
STATE_TABLE = f"{STATE_SCHEMA}.delivered_notifications"
ALERTS_URL_ENV = "SLACK_ALERTS_WEBHOOK_URL"
INSIGHTS_URL_ENV = "SLACK_PRODUCT_INSIGHTS_WEBHOOK_URL"
EXIT_OK = 0
EXIT_DELIVERY_FAILED = 1
EXIT_CONFIG_ERROR = 2


class ConfigError(Exception):
    """Bad configuration: reported as one line, exit status 2."""


@dataclass(frozen=True)
class Notification:
    feed: str
    key: str
    text: str


@dataclass(frozen=True)
class Feed:
    name: str
    url_env: str
    required_tables: tuple[str, ...]
    query: str
    render: Callable[[tuple[Any, ...]], Notification]


def fmt_number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if abs(value) < 1 else f"{value:,.2f}"


def render_alert(row: tuple[Any, ...]) -> Notification:
    alert_id, alert_type, period_start, metric_value, threshold = row
    text = (
        f":rotating_light: *{alert_type}* for {period_start}: "
        f"value {fmt_number(metric_value)} (threshold {fmt_number(threshold)})"
    )
    return Notification("alerts", str(alert_id), text)


def render_agent(row: tuple[Any, ...]) -> Notification:
    agent_id, tenant_id, channel, llm_model, plan, first_published_at = row
    text = (
        f":rocket: New agent published: *{agent_id}* on {channel or 'unknown channel'} "
        f"with {llm_model or 'unknown model'} (tenant {tenant_id or 'unknown'}, "
        f"plan {plan}) at {first_published_at:%Y-%m-%d %H:%M} UTC"
    )
    return Notification("product-insights", str(agent_id), text)


FEEDS = (
    Feed(
        name="alerts",
        url_env=ALERTS_URL_ENV,
        required_tables=("mart_alerts",),
        query="""
            select alert_id, alert_type, period_start, metric_value, threshold
            from marts.mart_alerts
            order by period_start, alert_type
        """,
        render=render_alert,
    ),
    Feed(
        name="product-insights",
        url_env=INSIGHTS_URL_ENV,
        required_tables=("dim_agents", "dim_tenant_plan_history"),
        # The tenant's plan when the agent was first published (metrics.md: a tenant's plan
        # at time t); `unknown` when the agent has no tenant or no plan period covers t.
        query="""
            select
                agents.agent_id,
                agents.tenant_id,
                agents.channel,
                agents.llm_model,
                coalesce(plans.plan, 'unknown') as plan,
                agents.first_published_at
            from marts.dim_agents as agents
            left join marts.dim_tenant_plan_history as plans
                on agents.tenant_id = plans.tenant_id
                and agents.first_published_at >= plans.valid_from
                and (plans.valid_to is null or agents.first_published_at < plans.valid_to)
            order by agents.first_published_at, agents.agent_id
        """,
        render=render_agent,
    ),
)


# Every mart the feeds read (the slack_alert_feed exposure depends on exactly these).
REQUIRED_MARTS = tuple(sorted({table for feed in FEEDS for table in feed.required_tables}))


def redact_url(url: str) -> str:
    """Scheme and host only: a Slack webhook's path is its secret, never printed."""
    scheme, separator, rest = url.partition("://")
    host, slash, path = (rest if separator else url).partition("/")
    shown = f"{scheme}{separator}{host}" if separator else host
    return shown + ("/…" if slash and path else slash)


def validate_webhook_url(env_name: str, url: str) -> str:
    """The URL itself if it is an absolute http(s) URL with a host, else a ConfigError."""
    parsed = urllib.parse.urlsplit(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ConfigError(
            f"{env_name} is not a valid webhook URL (expected http(s)://host/...):"
            f" got '{redact_url(url.strip())}'"
        )
    return url.strip()


def ensure_state_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"create schema if not exists {STATE_SCHEMA}")
    con.execute(
        f"""
        create table if not exists {STATE_TABLE} (
            feed varchar not null,
            notification_key varchar not null,
            message varchar not null,
            attempts integer not null,
            last_error varchar,
            first_attempted_at timestamp not null,
            last_attempted_at timestamp not null,
            delivered_at timestamp,
            primary key (feed, notification_key)
        )
        """
    )


def missing_tables(con: duckdb.DuckDBPyConnection, tables: Sequence[str]) -> list[str]:
    found = {
        row[0]
        for row in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts'"
        ).fetchall()
    }
    return [f"marts.{table}" for table in tables if table not in found]


def pending_notifications(con: duckdb.DuckDBPyConnection, feed: Feed) -> list[Notification]:
    """Current mart rows of the feed that have not been delivered yet, in mart order."""
    delivered = {
        row[0]
        for row in con.execute(
            f"select notification_key from {STATE_TABLE}"
            " where feed = ? and delivered_at is not null",
            [feed.name],
        ).fetchall()
    }
    rows = con.execute(feed.query).fetchall()
    notifications = [feed.render(row) for row in rows]
    return [item for item in notifications if item.key not in delivered]


def record_attempt(
    con: duckdb.DuckDBPyConnection, item: Notification, error: str | None, now: datetime
) -> None:
    delivered_at = None if error else now
    con.execute(
        f"""
        insert into {STATE_TABLE} as state values (?, ?, ?, 1, ?, ?, ?, ?)
        on conflict (feed, notification_key) do update set
            message = excluded.message,
            attempts = state.attempts + 1,
            last_error = excluded.last_error,
            last_attempted_at = excluded.last_attempted_at,
            delivered_at = excluded.delivered_at
        """,
        [item.feed, item.key, item.text, error, now, now, delivered_at],
    )


class PostError(Exception):
    """A failed post; `stop_feed` when the endpoint is unreachable (skip the rest of it)."""

    def __init__(self, reason: str, stop_feed: bool) -> None:
        super().__init__(reason)
        self.stop_feed = stop_feed


def post_json(url: str, payload: dict[str, Any], timeout: float) -> None:
    """POST payload as JSON; raises PostError with a readable reason on any failure."""
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", "replace").strip()[:200]
        raise PostError(
            f"HTTP {error.code} {error.reason}" + (f": {body}" if body else ""), stop_feed=False
        ) from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError | socket.timeout):
            raise PostError(f"timed out after {timeout:g}s", stop_feed=True) from error
        raise PostError(f"cannot connect: {error.reason}", stop_feed=True) from error
    except TimeoutError as error:
        raise PostError(f"timed out after {timeout:g}s", stop_feed=True) from error
    except OSError as error:
        raise PostError(f"connection failed: {error}", stop_feed=True) from error


@dataclass
class FeedResult:
    feed: str
    delivered: int = 0
    failed: int = 0
    deferred: int = 0
    skipped_reason: str | None = None
    error: str | None = None  # a configuration problem of this feed: nothing was posted


def deliver_feed(
    con: duckdb.DuckDBPyConnection,
    feed: Feed,
    url: str,
    timeout: float,
    baseline: bool,
    now: Callable[[], datetime],
    max_per_feed: int,
) -> FeedResult:
    result = FeedResult(feed.name)
    pending = pending_notifications(con, feed)
    if not baseline and len(pending) > max_per_feed:
        result.error = (
            f"{feed.name}: {len(pending)} messages pending, more than --max-per-feed"
            f" {max_per_feed}: a first run on history? Record it once with --baseline"
        )
        return result
    for index, item in enumerate(pending):
        if baseline:
            record_attempt(con, item, None, now())
            result.delivered += 1
            continue
        try:
            post_json(url, {"text": item.text}, timeout)
        except PostError as error:
            record_attempt(con, item, str(error), now())
            result.failed += 1
            print(
                f"deliver_alerts: {feed.name}: {item.key}: NOT delivered ({error});"
                " it will be retried on the next run",
                file=sys.stderr,
            )
            if error.stop_feed:
                result.deferred = len(pending) - index - 1
                if result.deferred:
                    print(
                        f"deliver_alerts: {feed.name}: webhook unreachable, the other"
                        f" {result.deferred} pending message(s) wait for the next run",
                        file=sys.stderr,
                    )
                break
        else:
            record_attempt(con, item, None, now())
            result.delivered += 1
    return result


def run(
    warehouse: Path,
    environ: dict[str, str],
    timeout: float,
    baseline: bool = False,
    now: Callable[[], datetime] = lambda: datetime.now(UTC).replace(tzinfo=None),
    max_per_feed: int = 50,
) -> list[FeedResult]:
    """Deliver every feed whose URL is set; raises ConfigError on bad configuration."""
    urls: dict[str, str | None] = {}
    for feed in FEEDS:
        raw = environ.get(feed.url_env, "").strip()
        urls[feed.name] = validate_webhook_url(feed.url_env, raw) if raw else None
    if not warehouse.exists():
        raise ConfigError(f"warehouse not found: {warehouse} (set WAREHOUSE_PATH or --warehouse)")
    results: list[FeedResult] = []
    with duckdb.connect(str(warehouse)) as con:
        for feed in FEEDS:
            url = urls[feed.name]
            if url is None and not baseline:
                results.append(FeedResult(feed.name, skipped_reason=f"{feed.url_env} not set"))
                continue
            missing = missing_tables(con, feed.required_tables)
            if missing:
                raise ConfigError(
                    f"{feed.name}: {', '.join(missing)} not built in {warehouse}; run dbt build"
                )
            ensure_state_table(con)
            results.append(deliver_feed(con, feed, url or "", timeout, baseline, now, max_per_feed))
    return results


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=Path(os.environ.get("WAREHOUSE_PATH") or REPO_ROOT / "warehouse.duckdb"),
        help="DuckDB warehouse (default: WAREHOUSE_PATH, else warehouse.duckdb at the root)",
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per post (default 10)")
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="record every current row as delivered without posting (first run on history)",
    )
    parser.add_argument(
        "--max-per-feed",
        type=int,
        default=50,
        help="refuse to post more than this many messages to one feed in a run (default 50)",
    )
    parser.add_argument(
        "--fail-on-error",
        action="store_true",
        help="exit 1 when any post failed (default: report, exit 0, retry next run)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        results = run(
            args.warehouse,
            dict(os.environ),
            args.timeout,
            args.baseline,
            max_per_feed=args.max_per_feed,
        )
    except ConfigError as error:
        print(f"deliver_alerts: error: {error}", file=sys.stderr)
        return EXIT_CONFIG_ERROR
    failed = 0
    config_errors = 0
    for result in results:
        if result.error:
            print(f"deliver_alerts: error: {result.error}", file=sys.stderr)
            config_errors += 1
            continue
        if result.skipped_reason:
            print(f"deliver_alerts: {result.feed}: skipped ({result.skipped_reason})")
            continue
        verb = "recorded as baseline" if args.baseline else "delivered"
        line = f"deliver_alerts: {result.feed}: {result.delivered} {verb}, {result.failed} failed"
        if result.deferred:
            line += f", {result.deferred} deferred"
        print(line)
        failed += result.failed + result.deferred
    if config_errors:
        return EXIT_CONFIG_ERROR
    if failed and args.fail_on_error:
        return EXIT_DELIVERY_FAILED
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
