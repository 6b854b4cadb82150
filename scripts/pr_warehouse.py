"""Prepare the pull-request warehouse: raw tables of production, read in place.

`dbt build --select state:modified+ --defer` reads every unchanged parent model from
production, but `source()` is never deferred: a changed staging model reads its raw table from
the target database. This creates, in the pull-request DuckDB file, one view per raw table of
production (every schema that dbt does not build), selecting from production attached
read-only under the database name that the `pr` profile target attaches it as
(PROD_DATABASE). Nothing is copied; rerunning replaces the views.

Usage: scripts/pr_warehouse.py [--pr PATH] [--prod PATH] [--prod-database NAME]
(defaults: WAREHOUSE_PATH, PROD_WAREHOUSE_PATH, PROD_DATABASE or the production file's stem).
Exit 0 with the number of views made, 2 when production is missing or has no raw table.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb
from raw_loader import BUILT_SCHEMAS  # schemas dbt builds: never linked


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def link_raw_tables(pr: Path, prod: Path, prod_database: str) -> list[str]:
    """Create a view in pr for every raw table of prod; returns `schema.table` names."""
    if not prod.exists():
        raise FileNotFoundError(f"production warehouse {prod} not found (PROD_WAREHOUSE_PATH)")
    if pr.resolve() == prod.resolve():
        raise ValueError("the pull-request warehouse must not be the production file")
    pr.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(pr)) as con:
        path_literal = "'" + str(prod).replace("'", "''") + "'"
        con.execute(f"attach {path_literal} as {quote(prod_database)} (read_only)")
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_catalog = ? order by 1, 2",
            [prod_database],
        ).fetchall()
        raw = [(schema, table) for schema, table in tables if schema not in BUILT_SCHEMAS]
        for schema in sorted({schema for schema, _ in raw}):
            con.execute(f"create schema if not exists {quote(schema)}")
        for schema, table in raw:
            con.execute(
                f"create or replace view {quote(schema)}.{quote(table)} as select * from"
                f" {quote(prod_database)}.{quote(schema)}.{quote(table)}"
            )
        con.execute(f"detach {quote(prod_database)}")
    return [f"{schema}.{table}" for schema, table in raw]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pr", type=Path, default=os.environ.get("WAREHOUSE_PATH"))
    parser.add_argument("--prod", type=Path, default=os.environ.get("PROD_WAREHOUSE_PATH"))
    parser.add_argument("--prod-database", default=os.environ.get("PROD_DATABASE"))
    args = parser.parse_args(argv)
    if not args.pr or not args.prod:
        parser.error("--pr/WAREHOUSE_PATH and --prod/PROD_WAREHOUSE_PATH are required")
    prod_database = args.prod_database or args.prod.stem
    try:
        linked = link_raw_tables(args.pr, args.prod, prod_database)
    except (FileNotFoundError, ValueError, duckdb.Error) as error:
        print(f"pr_warehouse: error: {error}", file=sys.stderr)
        return 2
    if not linked:
        print(f"pr_warehouse: error: {args.prod} has no raw table", file=sys.stderr)
        return 2
    print(
        f"pr_warehouse: {len(linked)} raw tables of {args.prod} (as {prod_database}) linked"
        f" into {args.pr}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
