"""The DuckDB-vs-Spark mart comparison finds every kind of difference, and only differences.

Also: the generator writes the same raw rows as DuckDB tables and as Parquet folders for one
seed, which the comparison relies on.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import compare_marts as cm
import duckdb
import generate_raw_data as gen


def mart() -> list[dict]:
    """A small mart: a key, a text, a count, a rate, a date and a timestamp per row."""
    return [
        {
            "cohort_week": date(2026, 1, 5),
            "plan": "pro",
            "signups": 3,
            "activation_rate": 1 / 3,
            "is_complete": True,
            "as_of": datetime(2026, 1, 20, 10, 0, 0),
        },
        {
            "cohort_week": date(2026, 1, 5),
            "plan": "free",
            "signups": 7,
            "activation_rate": 2 / 7,
            "is_complete": True,
            "as_of": datetime(2026, 1, 20, 10, 0, 0),
        },
        {
            "cohort_week": date(2026, 1, 12),
            "plan": "free",
            "signups": 1,
            "activation_rate": None,
            "is_complete": False,
            "as_of": datetime(2026, 1, 20, 10, 0, 0),
        },
    ]


def test_same_rows_in_another_order_with_float_noise_are_equal():
    right = list(reversed(mart()))
    right[0] = {**right[0]}
    right[1] = {**right[1], "activation_rate": 2 / 7 + 1e-15}  # summation-order noise
    diff = cm.compare_tables("m", mart(), right)
    assert diff.is_equal, cm.format_diff(diff, 10)


def test_a_rate_off_by_a_millionth_is_reported_on_both_sides():
    right = mart()
    right[0] = {**right[0], "activation_rate": 1 / 3 + 1e-6}
    diff = cm.compare_tables("m", mart(), right)
    assert not diff.is_equal
    assert diff.only_left == [mart()[0]]
    assert [row["activation_rate"] for row in diff.only_right] == [1 / 3 + 1e-6]
    text = cm.format_diff(diff, 10)
    assert "1 rows only on duckdb" in text and "1 rows only on spark" in text
    assert "'plan': 'pro'" in text


def test_a_null_float_is_not_zero():
    right = mart()
    right[2] = {**right[2], "activation_rate": 0.0}
    assert not cm.compare_tables("m", mart(), right).is_equal


def test_a_changed_count_or_text_is_a_difference():
    for column, value in (("signups", 4), ("plan", "Pro"), ("is_complete", False)):
        right = mart()
        right[0] = {**right[0], column: value}
        diff = cm.compare_tables("m", mart(), right)
        assert len(diff.only_left) == 1 and len(diff.only_right) == 1, column


def test_a_missing_or_duplicated_row_is_a_difference():
    diff = cm.compare_tables("m", mart(), mart()[:2])
    assert diff.only_left == [mart()[2]] and diff.only_right == []
    diff = cm.compare_tables("m", mart(), [*mart(), mart()[1]])
    assert diff.only_left == [] and diff.only_right == [mart()[1]]


def test_timestamps_are_compared_in_utc():
    plus_two = timezone(timedelta(hours=2))
    aware = [{**row, "as_of": datetime(2026, 1, 20, 12, 0, 0, tzinfo=plus_two)} for row in mart()]
    assert cm.compare_tables("m", mart(), aware).is_equal
    utc = [{**row, "as_of": datetime(2026, 1, 20, 10, 0, 0, tzinfo=UTC)} for row in mart()]
    assert cm.compare_tables("m", mart(), utc).is_equal
    shifted = [{**row, "as_of": datetime(2026, 1, 20, 12, 0, 0)} for row in mart()]
    assert len(cm.compare_tables("m", mart(), shifted).only_right) == 3


def test_decimals_compare_as_numbers():
    right = [{**row, "signups": Decimal(row["signups"])} for row in mart()]
    assert cm.compare_tables("m", mart(), right).is_equal


def test_a_missing_or_extra_column_is_reported():
    right = [{key: value for key, value in row.items() if key != "plan"} for row in mart()]
    diff = cm.compare_tables("m", mart(), right)
    assert diff.missing_columns == ["plan"] and not diff.is_equal
    right = [{**row, "extra": 1} for row in mart()]
    assert cm.compare_tables("m", mart(), right).extra_columns == ["extra"]


def test_empty_on_one_side_only_is_a_difference():
    assert cm.compare_tables("m", [], []).is_equal
    assert len(cm.compare_tables("m", mart(), []).only_left) == 3


def test_a_mart_missing_on_one_side_is_reported():
    diffs, only_left, only_right = cm.compare_marts(
        {"a": mart(), "b": mart()}, {"a": mart(), "c": []}
    )
    assert [diff.name for diff in diffs] == ["a"] and diffs[0].is_equal
    assert only_left == ["b"] and only_right == ["c"]


def test_duckdb_marts_are_read_with_their_types(tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    con = duckdb.connect(str(warehouse))
    con.execute("create schema marts")
    con.execute(
        "create table marts.m as select 'pro' as plan, 1 / 3 as rate, "
        "timestamp '2026-01-05 10:00:00.5' as at, date '2026-01-05' as day, 2::hugeint as n"
    )
    con.execute("create table main.not_a_mart as select 1 as x")
    con.close()
    marts = cm.read_duckdb_marts(warehouse, "marts")
    assert marts == {
        "m": [
            {
                "plan": "pro",
                "rate": 1 / 3,
                "at": datetime(2026, 1, 5, 10, 0, 0, 500000),
                "day": date(2026, 1, 5),
                "n": 2,
            }
        ]
    }


def test_generator_writes_the_same_rows_to_duckdb_and_parquet(tmp_path: Path):
    args = ["--users", "15", "--days", "20", "--seed", "3", "--quiet"]
    warehouse, parquet = tmp_path / "raw.duckdb", tmp_path / "raw"
    assert gen.main(["--warehouse", str(warehouse), *args]) == 0
    assert gen.main(["--format", "parquet", "--out-dir", str(parquet), *args]) == 0
    con = duckdb.connect(str(warehouse), read_only=True)
    folders = sorted(path for path in parquet.glob("*/*") if path.is_dir())
    tables = con.execute(
        "select table_schema, table_name from information_schema.tables order by all"
    ).fetchall()
    assert [(folder.parent.name, folder.name) for folder in folders] == tables
    for folder in folders:
        table = f"{folder.parent.name}.{folder.name}"
        files = f"read_parquet('{folder}/*.parquet')"
        assert (
            con.sql(f"describe {table}").fetchall()
            == con.sql(f"describe select * from {files}").fetchall()
        )
        for first, second in ((table, files), (files, table)):
            extra = con.sql(
                f"select count(*) from (from {first} except all from {second})"
            ).fetchone()
            assert extra == (0,), f"{table}: rows of {first} missing from {second}"
    con.close()
