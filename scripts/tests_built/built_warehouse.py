"""Helpers for the tests that need the warehouse built by `dbt build` (scripts/check runs
them after it). WAREHOUSE_PATH names the built DuckDB file; a missing file fails every test
that needs it, with a message, rather than skipping it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]


def built_warehouse() -> Path:
    """The built warehouse: WAREHOUSE_PATH, relative to the repository root when relative."""
    value = os.environ.get("WAREHOUSE_PATH")
    if not value:
        pytest.fail("WAREHOUSE_PATH is not set: these tests read the warehouse dbt built")
    path = Path(value) if Path(value).is_absolute() else ROOT / value
    if not path.is_file():
        pytest.fail(f"no warehouse at {path}: run dbt build first (scripts/check does)")
    return path


def query_marts(sql: str, parameters: Sequence[object] = ()) -> list[tuple]:
    """Rows of a query on the built warehouse, opened read-only and closed again at once (a
    DuckDB file allows no other process to write while it is open)."""
    with duckdb.connect(str(built_warehouse()), read_only=True) as connection:
        return connection.execute(sql, list(parameters)).fetchall()
