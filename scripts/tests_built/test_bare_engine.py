"""The benchmark's bare engine (benchmarks/bare_engine.sql) returns the very rows of the two
marts it stands in for, on the sample warehouse dbt built: otherwise the benchmark's "full
build / bare" ratio compares the project with a different computation. Run on a copy, so the
built warehouse gets no `bare` schema."""

from __future__ import annotations

import shutil

import bare_engine
import duckdb
import pytest
from built_warehouse import built_warehouse


@pytest.fixture(scope="module")
def bare_connection(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    copy = tmp_path_factory.mktemp("bare") / "warehouse.duckdb"
    shutil.copy(built_warehouse(), copy)
    con = duckdb.connect(str(copy))
    bare_engine.run(con)
    yield con
    con.close()


@pytest.mark.parametrize("mart", sorted(bare_engine.MARTS))
def test_bare_engine_returns_the_rows_of_the_mart(
    bare_connection: duckdb.DuckDBPyConnection, mart: str
) -> None:
    rows = bare_connection.execute(f"select count(*) from marts.{mart}").fetchone()[0]
    # An empty mart would make the comparison vacuous.
    assert rows > 0, f"marts.{mart} is empty in the built warehouse"
    assert bare_engine.differences(bare_connection)[mart] == 0


def test_a_changed_bare_row_is_a_difference(bare_connection: duckdb.DuckDBPyConnection) -> None:
    """The comparison sees one altered row (both directions: one row missing, one extra)."""
    bare_connection.execute("create table bare.kept as from bare.mart_usage_intensity_weekly")
    try:
        bare_connection.execute(
            "update bare.mart_usage_intensity_weekly set dialogs = dialogs + 1 "
            "where (activity_week, plan) in "
            "(select (activity_week, plan) from bare.mart_usage_intensity_weekly limit 1)"
        )
        assert bare_engine.differences(bare_connection)["mart_usage_intensity_weekly"] == 2
    finally:
        bare_connection.execute(
            "create or replace table bare.mart_usage_intensity_weekly as from bare.kept"
        )
        bare_connection.execute("drop table bare.kept")
