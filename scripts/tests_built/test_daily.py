"""scripts/daily, the production run, end to end on a copy of the warehouse dbt built: the
build passes with every data test and no unit test (those run in CI), the artifacts are
there without the salt, and the only problem it reports is the sample's stale sources (the
sample is old by design)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from built_warehouse import ROOT, built_warehouse

SALT = "daily-test-salt-4f1c9a"


@dataclass
class DailyRun:
    returncode: int
    output: str
    artifacts: Path


@pytest.fixture(scope="module")
def daily(tmp_path_factory: pytest.TempPathFactory) -> DailyRun:
    work = tmp_path_factory.mktemp("daily")
    warehouse = work / "warehouse.duckdb"
    shutil.copy(built_warehouse(), warehouse)
    env = {
        **os.environ,
        "WAREHOUSE_PATH": str(warehouse),
        "DBT_TARGET": "ci",
        "PII_SALT": SALT,
        "ARTIFACTS_DIR": str(work / "artifacts"),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "DUCKDB_TEMP_DIRECTORY": str(work / "duckdb_tmp"),
    }
    for webhook in ("SLACK_ALERTS_WEBHOOK_URL", "SLACK_PRODUCT_INSIGHTS_WEBHOOK_URL"):
        env.pop(webhook, None)  # never post from a test
    result = subprocess.run(
        [str(ROOT / "scripts" / "daily")],
        env=env,
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    return DailyRun(result.returncode, result.stdout + result.stderr, work / "artifacts")


def reported_problems(output: str) -> list[str]:
    """The '  - ...' lines that follow 'scripts/daily: FAILED:'."""
    lines = output.splitlines()
    if "scripts/daily: FAILED:" not in lines:
        return []
    after = lines[lines.index("scripts/daily: FAILED:") + 1 :]
    return [line.strip()[2:] for line in after if line.startswith("  - ")]


def test_only_the_samples_stale_sources_are_reported(daily: DailyRun) -> None:
    problems = reported_problems(daily.output)
    assert all(problem.startswith("stale sources") for problem in problems), daily.output[-3000:]
    assert daily.returncode == (1 if problems else 0), daily.output[-3000:]


def test_the_build_runs_every_data_test_and_no_unit_test(daily: DailyRun) -> None:
    results = json.loads((daily.artifacts / "run_results.json").read_text())["results"]
    kinds = Counter(result["unique_id"].split(".")[0] for result in results)
    manifest = json.loads((daily.artifacts / "manifest.json").read_text())
    data_tests = sum(1 for node in manifest["nodes"] if node.startswith("test."))
    assert manifest["unit_tests"], "the project has unit tests: CI runs them"
    assert kinds["unit_test"] == 0
    assert kinds["test"] == data_tests > 0
    failed = [r["unique_id"] for r in results if r["status"] not in ("success", "pass", "warn")]
    # The two no-op nodes are exposures.
    assert all(node.startswith("exposure.") for node in failed), failed


def test_the_artifacts_are_kept_without_the_salt(daily: DailyRun) -> None:
    for name in ("run_results.json", "manifest.json", "sources.json", "docs/index.html"):
        assert (daily.artifacts / name).is_file(), name
    holding_salt = [
        str(path.relative_to(daily.artifacts))
        for path in daily.artifacts.rglob("*")
        if path.is_file() and SALT in path.read_text(errors="replace")
    ]
    assert holding_salt == []
