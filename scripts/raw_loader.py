"""Replay raw data into a warehouse in load-time batches, as a real loader would deliver it.

Copies every raw table of a source DuckDB file (as written by generate_raw_data.py or a real
destination: every table outside the schemas dbt builds, so a third Segment source such as
`segment_mobile` comes along) into a target DuckDB file, keeping only the rows whose
load-time column (Segment `received_at`, PostHog `_inserted_at`, Zendesk `_fivetran_synced`,
Vercel `received_at`) lies in (since, until]. Used by the incremental-equivalence test and the
benchmark; also handy to rehearse a backfill.

    python scripts/raw_loader.py --source full.duckdb --target wh.duckdb --until 2026-06-01
    python scripts/raw_loader.py --source full.duckdb --range   # print load-time bounds
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

# Schemas the project builds or owns (dbt_project.yml, deliver_alerts.py): every other schema
# holds raw tables (one per Segment source, posthog, zendesk, vercel, or a destination's own).
BUILT_SCHEMAS = frozenset({"main", "staging", "intermediate", "marts", "reference", "ops"})
LOAD_TIME_COLUMNS: tuple[str, ...] = ("_inserted_at", "_fivetran_synced", "received_at")
# DuckDB's own default is 80 % of RAM: sorting 100M raw rows by load time then grows to ~20 GB,
# and on a machine shared with a dbt build the copy was OOM-killed. Capped, it spills to disk.
MEMORY_LIMIT_ENV = "DUCKDB_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "8GB"


@dataclass(frozen=True)
class RawTable:
    schema: str
    name: str
    load_time_column: str

    @property
    def qualified(self) -> str:
        return f'"{self.schema}"."{self.name}"'


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB file, its memory capped by $DUCKDB_MEMORY_LIMIT (default 8GB, the knob the dbt
    profile reads too), so that sorting a large batch (or a quantile over a large source)
    spills to `<path>.tmp` instead of growing to DuckDB's default of 80 % of RAM."""
    limit = os.environ.get(MEMORY_LIMIT_ENV) or DEFAULT_MEMORY_LIMIT
    return duckdb.connect(str(path), read_only=read_only, config={"memory_limit": limit})


def raw_tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[RawTable]:
    """Every raw table in `catalog` (outside BUILT_SCHEMAS), with the column that says when it
    loaded."""
    rows = con.execute(
        """
        select table_schema, table_name, list(column_name)
        from information_schema.columns
        where table_catalog = ? and table_schema not in (select unnest(?::varchar[]))
        group by all
        order by 1, 2
        """,
        [catalog, sorted(BUILT_SCHEMAS)],
    ).fetchall()
    tables = []
    for schema, name, columns in rows:
        load_time = next((c for c in LOAD_TIME_COLUMNS if c in columns), None)
        if load_time is None:
            raise SystemExit(f"raw_loader: {schema}.{name} has no load-time column")
        tables.append(RawTable(schema, name, load_time))
    if not tables:
        built = ", ".join(sorted(BUILT_SCHEMAS))
        raise SystemExit(f"raw_loader: no raw tables in {catalog} (outside the schemas {built})")
    return tables


def load_time_bounds(source: Path) -> tuple[datetime, datetime]:
    """Earliest and latest load time over all raw tables of `source`."""
    con = connect(source, read_only=True)
    try:
        catalog = con.execute("select current_database()").fetchone()[0]
        parts = [
            f"select min({t.load_time_column}::timestamp) as lo, "
            f"max({t.load_time_column}::timestamp) as hi from {t.qualified}"
            for t in raw_tables(con, catalog)
        ]
        lo, hi = con.execute(
            f"select min(lo), max(hi) from ({' union all '.join(parts)})"
        ).fetchone()
        return lo, hi
    finally:
        con.close()


def raw_row_count(source: Path) -> int:
    """Rows over all raw tables of `source`."""
    con = connect(source, read_only=True)
    try:
        catalog = con.execute("select current_database()").fetchone()[0]
        parts = [f"select count(*) as n from {t.qualified}" for t in raw_tables(con, catalog)]
        return int(con.execute(f"select sum(n) from ({' union all '.join(parts)})").fetchone()[0])
    finally:
        con.close()


def load_time_quantile(source: Path, fraction: float) -> datetime:
    """The load time below which `fraction` of all raw rows of `source` were loaded."""
    if not 0 < fraction < 1:
        raise ValueError(f"fraction must be in (0, 1), got {fraction}")
    con = connect(source, read_only=True)
    try:
        catalog = con.execute("select current_database()").fetchone()[0]
        parts = [
            f"select {t.load_time_column}::timestamp as loaded_at from {t.qualified}"
            for t in raw_tables(con, catalog)
        ]
        return con.execute(
            f"select quantile_disc(loaded_at, {fraction}) from ({' union all '.join(parts)})"
        ).fetchone()[0]
    finally:
        con.close()


def copy_batch(
    source: Path, target: Path, until: datetime | None, since: datetime | None = None
) -> dict[str, int]:
    """Append to `target` the raw rows of `source` loaded in (since, until]; returns counts.

    Rows are appended in load-time order, as a real destination receives them (PostHog's
    batch export, Segment's and Fivetran's syncs and the Vercel drain each append their
    batches as they load). The generator writes its tables user chunk by user chunk, each
    chunk spanning the whole period; copied in that order, every block of a table would hold
    rows of every load day, and an incremental scan by load time could not skip any block.
    """
    con = connect(target)
    counts: dict[str, int] = {}
    try:
        con.execute(f"attach '{source}' as raw_source (read_only)")
        for table in raw_tables(con, "raw_source"):
            con.execute(f'create schema if not exists "{table.schema}"')
            con.execute(
                f"create table if not exists {table.qualified} as "
                f"select * from raw_source.{table.qualified} limit 0"
            )
            conditions = []
            params: list[datetime] = []
            if since is not None:
                conditions.append(f"{table.load_time_column}::timestamp > ?")
                params.append(since)
            if until is not None:
                conditions.append(f"{table.load_time_column}::timestamp <= ?")
                params.append(until)
            where = f"where {' and '.join(conditions)}" if conditions else ""
            inserted = con.execute(
                f"insert into {table.qualified} by name "
                f"select * from raw_source.{table.qualified} {where} "
                f"order by {table.load_time_column}",
                params,
            ).fetchone()[0]
            counts[f"{table.schema}.{table.name}"] = int(inserted)
        con.execute("detach raw_source")
    finally:
        con.close()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="DuckDB file with raw data")
    parser.add_argument("--target", type=Path, help="DuckDB file to append the batch to")
    parser.add_argument("--since", type=datetime.fromisoformat, help="exclusive lower bound")
    parser.add_argument("--until", type=datetime.fromisoformat, help="inclusive upper bound")
    parser.add_argument("--range", action="store_true", help="print the load-time bounds")
    args = parser.parse_args(argv)
    if not args.source.exists():
        parser.error(f"--source {args.source} does not exist")
    if args.range:
        lo, hi = load_time_bounds(args.source)
        print(f"{lo.isoformat()} {hi.isoformat()}")
        return 0
    if args.target is None:
        parser.error("--target is required unless --range is given")
    counts = copy_batch(args.source, args.target, until=args.until, since=args.since)
    for name, rows in counts.items():
        print(f"{name:45s} {rows:>12,d}")
    print(f"{'total':45s} {sum(counts.values()):>12,d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
