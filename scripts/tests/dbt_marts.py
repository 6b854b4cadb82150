"""Shared by the tests that build the project and compare its marts: generate sample raw
data, run dbt against a given warehouse file (in one go or replayed in load-time batches),
and snapshot or compare every marts table."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import raw_loader

ROOT = Path(__file__).resolve().parents[2]


def generate_raw(path: Path, users: int, days: int, seed: int) -> Path:
    """Write the sample-data generator's raw tables for `users` users over `days` days."""
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "generate_raw_data.py"),
            "--warehouse",
            str(path),
            "--users",
            str(users),
            "--days",
            str(days),
            "--seed",
            str(seed),
            "--quiet",
        ],
        check=True,
    )
    return path


def table_columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[tuple]:
    """(column_name, data_type) of a table, in column order."""
    return con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()


def dbt_result(
    warehouse: Path, work: Path, command: str, *args: str
) -> subprocess.CompletedProcess[str]:
    """Run one quiet dbt command of this project on `warehouse` (target ci, artifacts and logs
    under `work`) and return it, output captured, whatever its exit status."""
    env = {
        **os.environ,
        "WAREHOUSE_PATH": str(warehouse),
        "DBT_TARGET": "ci",
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "DUCKDB_TEMP_DIRECTORY": str(work / "duckdb_tmp"),
    }
    dbt = Path(sys.executable).parent / "dbt"
    return subprocess.run(
        [
            str(dbt),
            command,
            "--profiles-dir",
            str(ROOT / "profiles"),
            "--project-dir",
            str(ROOT),
            "--quiet",
            *args,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def run_dbt(warehouse: Path, work: Path, command: str, *args: str) -> None:
    result = dbt_result(warehouse, work, command, *args)
    assert result.returncode == 0, f"dbt {command} {args} failed:\n{result.stdout}\n{result.stderr}"


# Intermediate tables compared too: the quarantine is the audit trail of left-out rows, and no
# mart reads it; the identity map resolves every identifier, while the marts show only those
# of users with events (it is rebuilt each run from the incrementally folded
# int_identity_evidence).
AUDIT_TABLES = [
    ("intermediate", "int_events_quarantined"),
    ("intermediate", "int_identities_mapped"),
]


# Most of the history first, then smaller batches like daily loads (of the load-time range).
BATCH_FRACTIONS = (0.55, 0.75, 0.9, 1.0)


def replay_in_batches(raw: Path, warehouse: Path, work: Path) -> int:
    """Append the raw tables of `raw` to `warehouse` in load-time batches (BATCH_FRACTIONS,
    scripts/raw_loader.py), `dbt seed` before the first run and `dbt run` after each batch;
    returns the raw rows loaded (every raw row exactly once: compare with raw_row_count)."""
    low, high = raw_loader.load_time_bounds(raw)
    bounds = [low + (high - low) * fraction for fraction in BATCH_FRACTIONS[:-1]] + [high]
    since, loaded = None, 0
    for until in bounds:
        loaded += sum(raw_loader.copy_batch(raw, warehouse, until=until, since=since).values())
        if since is None:
            run_dbt(warehouse, work, "seed")
        run_dbt(warehouse, work, "run")
        since = until
    return loaded


def mart_snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    """Every marts table (and AUDIT_TABLES) as a sorted list of rows, floats rounded against
    summation order."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = (
            con.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_schema = 'marts' order by 2"
            ).fetchall()
            + AUDIT_TABLES
        )
        snapshot = {}
        for schema, table in tables:
            columns = table_columns(con, schema, table)
            assert columns, f"{schema}.{table} is missing"
            select = ", ".join(
                f"round({name}, 9)" if data_type in ("DOUBLE", "FLOAT") else f'"{name}"'
                for name, data_type in columns
            )
            rows = con.execute(f"select {select} from {schema}.{table}").fetchall()
            snapshot[table] = sorted(rows, key=repr)
        return snapshot
    finally:
        con.close()


def assert_same_marts(
    expected: dict[str, list[tuple]],
    actual: dict[str, list[tuple]],
    names: tuple[str, str] = ("expected", "actual"),
) -> None:
    """Same tables, each with the same rows as a multiset; `names` say where each side came
    from in the failure message."""
    assert sorted(actual) == sorted(expected)
    for table, rows in expected.items():
        # As multisets: a row stored twice is a difference too.
        expected_rows, actual_rows = Counter(rows), Counter(actual[table])
        missing = list((expected_rows - actual_rows).elements())
        extra = list((actual_rows - expected_rows).elements())
        assert not missing and not extra, (
            f"{table}: {len(missing)} rows only in {names[0]} (e.g. {missing[:2]}), "
            f"{len(extra)} only in {names[1]} (e.g. {extra[:2]})"
        )
