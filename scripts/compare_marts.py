"""Compare every table of the marts schema built on DuckDB with the same tables built on Spark.

Both builds must have read the same raw data (scripts/generate_raw_data.py with the same
arguments and seed, once with --format duckdb and once with --format parquet). Every mart of
the DuckDB warehouse must exist on Spark and vice versa, with the same columns and the same
rows (as a multiset: row order is not part of a table):

- text, integers, booleans and dates must be equal;
- timestamps are compared as UTC wall times (a time-zone-aware value is converted to UTC);
- floating-point values (rates, means, percentiles, hours) may differ by the summation order
  of each engine: they are equal when within FLOAT_TOLERANCE, relative or absolute
  (math.isclose), and a null only equals a null.

Rows are matched on their non-float columns (each mart's key is among them); differing rows are
printed per mart, at most --show of each kind. Exit status 1 when anything differs.

Usage (Spark is read through the metastore of the `spark` target, SPARK_DIR):
    .venv/bin/python scripts/compare_marts.py --duckdb build/check/warehouse.duckdb \
        --spark-dir build/check/spark
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

FLOAT_TOLERANCE = 1e-9
ROOT = Path(__file__).resolve().parents[1]

Row = dict[str, Any]


@dataclass
class TableDiff:
    """What differs between two versions of one table."""

    name: str
    left_rows: int
    right_rows: int
    missing_columns: list[str] = field(default_factory=list)  # only on the right
    extra_columns: list[str] = field(default_factory=list)  # only on the right
    only_left: list[Row] = field(default_factory=list)
    only_right: list[Row] = field(default_factory=list)

    @property
    def is_equal(self) -> bool:
        return not (self.missing_columns or self.extra_columns or self.only_left or self.only_right)


def normalise(value: Any) -> Any:
    """One representation per value: UTC wall time for timestamps, decimals as int or float."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def floats_match(left: Any, right: Any, tolerance: float) -> bool:
    if left is None or right is None:
        return left is None and right is None
    if isinstance(left, float) and math.isnan(left):
        return isinstance(right, float) and math.isnan(right)
    return math.isclose(left, right, rel_tol=tolerance, abs_tol=tolerance)


def sort_key(values: Sequence[Any]) -> tuple:
    """Orders tuples that mix nulls and values of one type per position."""
    return tuple((value is None, value if value is not None else 0) for value in values)


def compare_tables(
    name: str,
    left: Sequence[Row],
    right: Sequence[Row],
    tolerance: float = FLOAT_TOLERANCE,
) -> TableDiff:
    """The rows of `left` and `right` that have no equal row on the other side.

    Rows are grouped on their non-float columns; within a group the float columns are sorted
    and compared pairwise with `tolerance`. A float column is one holding a float on either side.
    """
    left = [{column: normalise(value) for column, value in row.items()} for row in left]
    right = [{column: normalise(value) for column, value in row.items()} for row in right]
    left_columns = list(left[0]) if left else []
    right_columns = list(right[0]) if right else []
    diff = TableDiff(name, len(left), len(right))
    if left and right:
        diff.missing_columns = [column for column in left_columns if column not in right_columns]
        diff.extra_columns = [column for column in right_columns if column not in left_columns]
        if diff.missing_columns or diff.extra_columns:
            return diff
    columns = left_columns or right_columns
    float_columns = [
        column
        for column in columns
        if any(isinstance(row[column], float) for row in [*left, *right])
    ]
    key_columns = [column for column in columns if column not in float_columns]

    def grouped(rows: Sequence[Row]) -> dict[tuple, list[Row]]:
        groups: dict[tuple, list[Row]] = defaultdict(list)
        for row in rows:
            groups[tuple(row[column] for column in key_columns)].append(row)
        for group in groups.values():
            group.sort(key=lambda row: sort_key([row[column] for column in float_columns]))
        return groups

    left_groups, right_groups = grouped(left), grouped(right)
    for key in sorted(set(left_groups) | set(right_groups), key=sort_key):
        left_group, right_group = left_groups.get(key, []), right_groups.get(key, [])
        unmatched_right = list(right_group)
        for row in left_group:
            match = next(
                (
                    candidate
                    for candidate in unmatched_right
                    if all(
                        floats_match(row[column], candidate[column], tolerance)
                        for column in float_columns
                    )
                ),
                None,
            )
            if match is None:
                diff.only_left.append(row)
            else:
                unmatched_right.remove(match)
        diff.only_right.extend(unmatched_right)
    return diff


def format_diff(diff: TableDiff, show: int) -> str:
    if diff.is_equal:
        return f"  {diff.name}: equal ({diff.left_rows} rows)"
    lines = [
        f"  {diff.name}: DIFFERENT (duckdb {diff.left_rows} rows, spark {diff.right_rows} rows)"
    ]
    if diff.missing_columns:
        lines.append(f"    columns only on duckdb: {', '.join(diff.missing_columns)}")
    if diff.extra_columns:
        lines.append(f"    columns only on spark: {', '.join(diff.extra_columns)}")
    for label, rows in (("duckdb", diff.only_left), ("spark", diff.only_right)):
        if rows:
            lines.append(f"    {len(rows)} rows only on {label}:")
            lines.extend(f"      {row}" for row in rows[:show])
            if len(rows) > show:
                lines.append(f"      … and {len(rows) - show} more")
    return "\n".join(lines)


def arrow_rows(table: pa.Table) -> list[Row]:
    """Rows of an Arrow table; time-zone-aware timestamps come back aware (then normalised)."""
    return table.to_pylist()


def read_duckdb_marts(warehouse: Path, schema: str) -> dict[str, list[Row]]:
    import duckdb

    if not warehouse.exists():
        raise SystemExit(f"compare_marts: no DuckDB warehouse at {warehouse}")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        con.execute("set TimeZone = 'UTC'")
        names = [
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables where table_schema = ? "
                "order by table_name",
                [schema],
            ).fetchall()
        ]
        return {
            name: arrow_rows(con.sql(f'select * from "{schema}"."{name}"').to_arrow_table())
            for name in names
        }
    finally:
        con.close()


def read_spark_marts(spark_dir: Path, schema: str) -> dict[str, list[Row]]:
    """The marts through the Hive metastore of the `spark` target (profiles/profiles.yml)."""
    from pyspark.sql import SparkSession

    if not (spark_dir / "metastore_db").exists():
        raise SystemExit(f"compare_marts: no Spark metastore in {spark_dir} (build on Spark first)")
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.sql.warehouse.dir", str(spark_dir / "warehouse"))
        .config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            f"jdbc:derby:;databaseName={spark_dir / 'metastore_db'};create=false",
        )
        .config(
            "spark.driver.extraJavaOptions",
            f"-Dderby.system.home={spark_dir} -Duser.timezone=UTC "
            f"-Dlog4j2.configurationFile={ROOT / 'profiles' / 'spark-log4j2.properties'}",
        )
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .enableHiveSupport()
        .getOrCreate()
    )
    try:
        names = sorted(
            table.name for table in spark.catalog.listTables(schema) if not table.isTemporary
        )
        return {name: arrow_rows(spark.table(f"{schema}.{name}").toArrow()) for name in names}
    finally:
        spark.stop()


def compare_marts(
    left: dict[str, list[Row]],
    right: dict[str, list[Row]],
    tolerance: float = FLOAT_TOLERANCE,
) -> tuple[list[TableDiff], list[str], list[str]]:
    """Per-table diffs of the tables both sides have, and the table names only one side has."""
    only_left = sorted(set(left) - set(right))
    only_right = sorted(set(right) - set(left))
    diffs = [
        compare_tables(name, left[name], right[name], tolerance)
        for name in sorted(set(left) & set(right))
    ]
    return diffs, only_left, only_right


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--duckdb", type=Path, default=Path(os.environ.get("WAREHOUSE_PATH", "warehouse.duckdb"))
    )
    parser.add_argument(
        "--spark-dir", type=Path, default=Path(os.environ.get("SPARK_DIR", "build/spark"))
    )
    parser.add_argument("--schema", default="marts")
    parser.add_argument("--tolerance", type=float, default=FLOAT_TOLERANCE)
    parser.add_argument("--show", type=int, default=10, help="differing rows shown per kind")
    args = parser.parse_args(argv)

    started = time.monotonic()
    print(f"[compare_marts] reading {args.schema} from DuckDB {args.duckdb}", flush=True)
    duck = read_duckdb_marts(args.duckdb, args.schema)
    print(f"[compare_marts] reading {args.schema} from Spark {args.spark_dir}", flush=True)
    spark = read_spark_marts(args.spark_dir.resolve(), args.schema)
    if not duck:
        print(f"[compare_marts] no tables in schema {args.schema} on DuckDB: nothing to compare")
        return 1
    diffs, only_duck, only_spark = compare_marts(duck, spark, args.tolerance)
    print(
        f"[compare_marts] {len(duck)} marts on DuckDB, {len(spark)} on Spark;"
        f" floats equal within {args.tolerance:g}"
    )
    for diff in diffs:
        print(format_diff(diff, args.show))
    for name in only_duck:
        print(f"  {name}: only on DuckDB")
    for name in only_spark:
        print(f"  {name}: only on Spark")
    failed = [diff.name for diff in diffs if not diff.is_equal] + only_duck + only_spark
    elapsed = time.monotonic() - started
    if failed:
        print(
            f"[compare_marts] {len(failed)} of {len(set(duck) | set(spark))} marts differ:"
            f" {', '.join(failed)} ({elapsed:.0f} s)"
        )
        return 1
    print(f"[compare_marts] all {len(diffs)} marts identical ({elapsed:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
