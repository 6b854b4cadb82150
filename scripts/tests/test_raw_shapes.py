"""The marts do not depend on how a loader typed or laid out the raw tables (raw-data-contract.md).

The same generated rows are built twice: once as the generator writes them, once after every
raw table is rewritten the way another loader or producer could write the same data. Every
timestamp column swaps TIMESTAMP for TIMESTAMPTZ or back (the same instant: "a timestamp
column may arrive with or without a time zone"); every integer column, and every text column
that holds only whole numbers (Segment's `ticket_id`), becomes DOUBLE (a producer whose column
held a null in pandas writes 40002.0); the columns come in reverse order; and each table gains
a column the project does not know ("new columns may appear"). Every marts table, and the
quarantine, must be identical.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from dbt_marts import assert_same_marts, generate_raw, mart_snapshot, run_dbt, table_columns

RAW_SCHEMAS = ("segment_web", "segment_backend", "posthog", "zendesk", "vercel")


def reshaped_column(name: str, data_type: str, whole_numbers: bool) -> str:
    quoted = f'"{name}"'
    if whole_numbers:
        return f"cast(cast({quoted} as bigint) as double) as {quoted}"
    if data_type == "TIMESTAMP":
        return f"timezone('UTC', {quoted}) as {quoted}"  # the same instant, with a time zone
    if data_type == "TIMESTAMP WITH TIME ZONE":
        return f"timezone('UTC', {quoted}) as {quoted}"  # the same instant, naive UTC
    if data_type in ("BIGINT", "INTEGER"):
        return f"cast({quoted} as double) as {quoted}"
    return quoted


def holds_only_whole_numbers(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, column: str
) -> bool:
    values, whole = con.execute(
        f'select count("{column}"), count(try_cast("{column}" as bigint)) from "{schema}"."{table}"'
    ).fetchone()
    return values > 0 and values == whole


def reshape_raw(path: Path) -> dict[str, int]:
    """Rewrite every raw table in place; returns how many columns changed type, by kind."""
    changed = {"timestamp": 0, "integer": 0, "whole-number text": 0}
    con = duckdb.connect(str(path))
    try:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in (select unnest(?)) order by 1, 2",
            [list(RAW_SCHEMAS)],
        ).fetchall()
        for schema, table in tables:
            columns = table_columns(con, schema, table)
            reshaped = []
            for name, data_type in reversed(columns):
                whole_numbers = data_type == "VARCHAR" and holds_only_whole_numbers(
                    con, schema, table, name
                )
                if whole_numbers:
                    changed["whole-number text"] += 1
                elif data_type.startswith("TIMESTAMP"):
                    changed["timestamp"] += 1
                elif data_type in ("BIGINT", "INTEGER"):
                    changed["integer"] += 1
                reshaped.append(reshaped_column(name, data_type, whole_numbers))
            select = ", ".join(reshaped)
            con.execute(
                f'create table "{schema}"."{table}__reshaped" as '
                f"select {select}, 'added by the loader' as loader_added_column "
                f'from "{schema}"."{table}"'
            )
            con.execute(f'drop table "{schema}"."{table}"')
            con.execute(f'alter table "{schema}"."{table}__reshaped" rename to "{table}"')
    finally:
        con.close()
    return changed


@pytest.fixture(scope="module")
def raw_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_raw(tmp_path_factory.mktemp("raw") / "raw.duckdb", users=120, days=40, seed=31)


def build(warehouse: Path, work: Path) -> dict[str, list[tuple]]:
    run_dbt(warehouse, work, "seed")
    run_dbt(warehouse, work, "run")
    return mart_snapshot(warehouse)


def test_reshaped_raw_tables_give_the_same_marts(raw_source: Path, tmp_path: Path) -> None:
    as_generated = tmp_path / "as_generated" / "warehouse.duckdb"
    reshaped = tmp_path / "reshaped" / "warehouse.duckdb"
    for path in (as_generated, reshaped):
        path.parent.mkdir()
        shutil.copy(raw_source, path)
    changed = reshape_raw(reshaped)
    assert changed["timestamp"] > 20 and changed["integer"] > 5, changed
    assert changed["whole-number text"] > 0, changed

    expected = build(as_generated, tmp_path / "as_generated")
    assert expected["fct_user_activation"], "the generated data should hold signups"
    assert expected["mart_support_load_weekly"], "the generated data should hold support requests"
    assert_same_marts(
        expected, build(reshaped, tmp_path / "reshaped"), ("the generated tables", "the reshaped")
    )
