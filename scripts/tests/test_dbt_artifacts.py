"""scripts/dbt_artifacts.py on hand-written sources.json / run_results.json fixtures.

The fixtures have the shape dbt 1.11 writes (only the keys the script reads, plus noise).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import dbt_artifacts
import pytest

HOURLY = {"count": 6, "period": "hour"}
DAY = {"count": 24, "period": "hour"}


def write(tmp_path: Path, name: str, results: list[dict[str, Any]]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"metadata": {"dbt_version": "1.11.16"}, "results": results}))
    return path


def freshness(unique_id: str, status: str, age_s: float, loaded: str) -> dict[str, Any]:
    return {
        "unique_id": unique_id,
        "status": status,
        "max_loaded_at": loaded,
        "snapshotted_at": "2026-03-02T06:00:00+00:00",
        "max_loaded_at_time_ago_in_s": age_s,
        "criteria": {"warn_after": HOURLY, "error_after": DAY, "filter": None},
        "timing": [],
    }


SOURCES = [
    freshness("source.product_analytics.segment.pages", "pass", 3600, "2026-03-02T05:00:00"),
    freshness(
        "source.product_analytics.vercel.analytics_events",
        "warn",
        8 * 3600,
        "2026-03-01T22:00:00+00:00",
    ),
    freshness(
        "source.product_analytics.zendesk.tickets", "error", 3 * 86400, "2026-02-27T06:00:00Z"
    ),
    {
        "unique_id": "source.product_analytics.posthog.events",
        "status": "runtime error",
        "error": "Catalog Error: Table with name events does not exist!",
    },
]


def test_freshness_names_each_stale_source_with_its_age_and_threshold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "sources.json", SOURCES)

    assert dbt_artifacts.main(["freshness", str(path)]) == 1

    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "source freshness: 4 checked, 2 stale or unchecked, 1 warn",
        "ERROR  posthog.events: freshness could not be checked:"
        " Catalog Error: Table with name events does not exist!",
        "STALE  zendesk.tickets: last loaded 2026-02-27 06:00 UTC, 3.0 days ago"
        " (error after 24 hours)",
        "WARN   vercel.analytics_events: last loaded 2026-03-01 22:00 UTC, 8.0 hours ago"
        " (warn after 6 hours)",
    ]


def test_freshness_with_only_warnings_passes(tmp_path: Path) -> None:
    path = write(tmp_path, "sources.json", SOURCES[:2])

    assert dbt_artifacts.main(["freshness", str(path)]) == 0


def test_freshness_warn_only_source_has_no_error_threshold(tmp_path: Path) -> None:
    quiet = freshness("source.p.zendesk.users", "warn", 4 * 86400, "2026-02-26T06:00:00")
    quiet["criteria"] = {"warn_after": {"count": 72, "period": "hour"}, "error_after": None}

    code, lines = dbt_artifacts.report_freshness(write(tmp_path, "s.json", [quiet]))

    assert code == 0
    assert lines[1] == (
        "WARN   zendesk.users: last loaded 2026-02-26 06:00 UTC, 4.0 days ago (warn after 72 hours)"
    )


RUN_RESULTS = [
    {"unique_id": "model.product_analytics.dim_users", "status": "success", "message": "OK"},
    {
        "unique_id": "model.product_analytics.mart_alerts",
        "status": "error",
        "message": "Runtime Error in model mart_alerts\n  Binder Error: column x not found",
        "failures": None,
        "relation_name": '"warehouse"."marts"."mart_alerts"',
    },
    {
        "unique_id": "test.product_analytics.not_null_dim_users_user_id.1a2b3c4d5e",
        "status": "fail",
        "message": "Got 3 results, configured to fail if != 0",
        "failures": 3,
        "relation_name": None,
    },
    {
        "unique_id": "unit_test.product_analytics.dim_agents.dim_agents_first_publication",
        "status": "fail",
        "message": "actual differs from expected",
        "failures": 0,
    },
    {
        "unique_id": "test.product_analytics.not_null_dim_agents_tenant_id.ee2120ff6e",
        "status": "warn",
        "message": "Got 12 results, configured to warn if != 0",
        "failures": 12,
    },
    {"unique_id": "model.product_analytics.dim_tenants", "status": "skipped", "message": None},
]


def test_failures_prints_one_line_per_failing_node(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "run_results.json", RUN_RESULTS)

    assert dbt_artifacts.main(["failures", str(path)]) == 1

    assert capsys.readouterr().out.splitlines() == [
        "dbt run results: 6 nodes, 3 failed, 1 warn, 1 skipped",
        'ERROR model mart_alerts -> "warehouse"."marts"."mart_alerts":'
        " Runtime Error in model mart_alerts Binder Error: column x not found",
        "FAIL  test not_null_dim_users_user_id:"
        " Got 3 results, configured to fail if != 0 [3 failing rows]",
        "FAIL  unit_test dim_agents.dim_agents_first_publication: actual differs from expected",
    ]


def test_failures_passes_when_only_warnings(tmp_path: Path) -> None:
    path = write(tmp_path, "run_results.json", [RUN_RESULTS[0], RUN_RESULTS[4]])

    code, lines = dbt_artifacts.report_failures(path)

    assert code == 0
    assert lines == ["dbt run results: 2 nodes, 0 failed, 1 warn, 0 skipped"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "not found: did the dbt command run?"),
        ("{not json", "is not a readable dbt artifact"),
        ('{"metadata": {}}', "has no 'results' list"),
    ],
)
def test_a_missing_or_broken_artifact_is_exit_2_with_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "sources.json"
    if content is not None:
        path.write_text(content)

    assert dbt_artifacts.main(["freshness", str(path)]) == 2

    err = capsys.readouterr().err
    assert str(path) in err and message in err


def test_scrub_replaces_the_salt_in_every_artifact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docs").mkdir()
    compiled = "sha256('s3cret-salt' || lower(trim(email)))"
    (tmp_path / "manifest.json").write_text(json.dumps({"compiled_code": compiled}))
    (tmp_path / "docs" / "catalog.json").write_text("{}")
    (tmp_path / "docs" / "index.html").write_text(f"<pre>{compiled}</pre>")
    monkeypatch.setenv("PII_SALT", "s3cret-salt")

    assert dbt_artifacts.main(["scrub", str(tmp_path)]) == 0

    texts = [p.read_text() for p in sorted(tmp_path.rglob("*")) if p.is_file()]
    assert not any("s3cret-salt" in text for text in texts)
    assert json.loads((tmp_path / "manifest.json").read_text())["compiled_code"] == (
        "sha256('<PII_SALT>' || lower(trim(email)))"
    )


def test_scrub_refuses_an_empty_salt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PII_SALT", "")

    assert dbt_artifacts.main(["scrub", str(tmp_path)]) == 1
