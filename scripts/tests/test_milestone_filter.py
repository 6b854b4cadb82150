"""milestone_filter (macros/utils/milestone_events.sql): the readers of int_events_milestones
name the event kinds they want; one that the table does not keep must stop the compile rather
than give an empty (and wrong) result."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def compile_inline(sql: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "WAREHOUSE_PATH": str(tmp_path / "warehouse.duckdb"),
        "DBT_TARGET": "ci",
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
    }
    dbt = Path(sys.executable).parent / "dbt"
    return subprocess.run(
        [
            str(dbt),
            "compile",
            "--inline",
            sql,
            "--profiles-dir",
            str(ROOT / "profiles"),
            "--project-dir",
            str(ROOT),
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_kept_events_compile_to_an_in_list(tmp_path: Path) -> None:
    result = compile_inline(
        "select 1 where {{ milestone_filter(['agent_published', 'signup_completed']) }}",
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "event_name in ('agent_published', 'signup_completed')" in result.stdout


def test_an_event_the_table_does_not_keep_is_a_compile_error(tmp_path: Path) -> None:
    result = compile_inline(
        "select 1 where {{ milestone_filter(['agent_published', 'page']) }}", tmp_path
    )
    assert result.returncode != 0
    assert "int_events_milestones does not keep 'page'" in result.stdout + result.stderr
