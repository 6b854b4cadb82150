"""milestone_filter (macros/utils/milestone_events.sql): the readers of int_events_milestones
name the event kinds they want; one that the table does not keep must stop the compile rather
than give an empty (and wrong) result."""

from __future__ import annotations

import subprocess
from pathlib import Path

from dbt_marts import dbt_result


def compile_inline(sql: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return dbt_result(tmp_path / "warehouse.duckdb", tmp_path, "compile", "--inline", sql)


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
