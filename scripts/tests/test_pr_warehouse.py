"""scripts/pr_warehouse.py: production raw tables become views in the pull-request file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pr_warehouse
import pytest


@pytest.fixture
def prod(tmp_path: Path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema zendesk")
        con.execute("create table zendesk.tickets as select 1 as id union all select 2")
        con.execute("create schema marts")  # built by dbt: never linked
        con.execute("create table marts.mart_alerts as select 'x' as alert_id")
    return path


def test_links_every_raw_table_and_nothing_dbt_builds(tmp_path: Path, prod: Path) -> None:
    pr = tmp_path / "pr" / "pr_warehouse.duckdb"

    assert pr_warehouse.link_raw_tables(pr, prod, "warehouse") == ["zendesk.tickets"]

    with duckdb.connect(str(pr)) as con:
        con.execute(f"attach '{prod}' as warehouse (read_only)")  # as the `pr` profile does
        assert con.execute("select sum(id) from zendesk.tickets").fetchone() == (3,)
        views = con.execute(
            "select table_schema, table_name, table_type from information_schema.tables"
            " where table_catalog = 'pr_warehouse'"
        ).fetchall()
    assert views == [("zendesk", "tickets", "VIEW")]


def test_rerun_replaces_the_views(tmp_path: Path, prod: Path) -> None:
    pr = tmp_path / "pr_warehouse.duckdb"
    pr_warehouse.link_raw_tables(pr, prod, "warehouse")

    assert pr_warehouse.link_raw_tables(pr, prod, "warehouse") == ["zendesk.tickets"]


def test_missing_production_or_same_file_is_exit_2(
    tmp_path: Path, prod: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.duckdb"
    assert pr_warehouse.main(["--pr", str(tmp_path / "pr.duckdb"), "--prod", str(missing)]) == 2
    assert f"production warehouse {missing} not found" in capsys.readouterr().err
    assert pr_warehouse.main(["--pr", str(prod), "--prod", str(prod)]) == 2
    assert "must not be the production file" in capsys.readouterr().err
