"""The summary printed by scripts/run, on a small hand-built warehouse whose numbers are
worked out by hand (it reads only the columns it needs, so the tables carry only those)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
import summary


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    connection.execute("create schema marts; create schema intermediate")
    # The reporting clock: Wednesday 2026-01-21, so the week of 2026-01-19 is still running.
    connection.execute(
        "create table intermediate.int_as_of as select timestamp '2026-01-21 10:00' as as_of"
    )
    connection.execute(
        """
        create table marts.mart_activation_weekly as
        select * from (values
            (date '2026-01-05', 'pro', 1, 2, true),
            (date '2026-01-05', 'free', 2, 2, true),
            (date '2026-01-12', 'pro', 5, 5, false)
        ) as t(cohort_week, plan, activated_users, signups, is_complete)
        """
    )
    connection.execute(
        """
        create table marts.mart_support_load_weekly as
        select * from (values
            (date '2026-01-05', 'pro', 9),
            (date '2026-01-12', 'pro', 3),
            (date '2026-01-12', 'free', 4),
            (date '2026-01-19', 'pro', 100)
        ) as t(request_week, plan, support_requests)
        """
    )
    yield connection
    connection.close()


def test_activation_reads_the_latest_complete_cohort_week(con: duckdb.DuckDBPyConnection) -> None:
    lines = summary.activation_section(con, None)
    # Week 2026-01-12 is not complete; 2026-01-05 has 1 + 2 activated of 2 + 2 signups.
    assert lines == [
        "Activation (7 days), latest complete cohort week",
        "  cohort week 2026-01-05: 3 of 4 signups activated = 75.0%",
    ]


def test_support_takes_the_latest_week_ended_by_as_of(con: duckdb.DuckDBPyConnection) -> None:
    as_of_at = summary.as_of(con)
    assert as_of_at == datetime(2026, 1, 21, 10, 0)
    # 2026-01-19 ends on 2026-01-26, after as_of; 2026-01-12 is the latest complete week.
    assert summary.latest_complete_week(
        con, "mart_support_load_weekly", "request_week", as_of_at
    ) == date(2026, 1, 12)
    assert summary.support_section(con, as_of_at)[1] == (
        "  week 2026-01-12: 7 requests (free 4, pro 3)"
    )


def test_a_missing_mart_is_reported_not_raised(con: duckdb.DuckDBPyConnection) -> None:
    assert summary.alerts_section(con, None) == ["Alerts", "  (mart mart_alerts not built)"]
    assert summary.retention_section(con, None)[1] == "  (mart mart_retention_weekly not built)"


def test_summary_refuses_a_missing_warehouse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert summary.main(["--warehouse", str(tmp_path / "absent.duckdb")]) == 1
    assert "no warehouse at" in capsys.readouterr().err
