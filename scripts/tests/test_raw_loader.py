"""raw_loader.copy_batch: which rows a batch takes, and the order it appends them in."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest
import raw_loader


def make_source(path: Path) -> None:
    """Two raw tables written out of load-time order (as the generator writes them)."""
    con = duckdb.connect(str(path))
    con.execute("create schema posthog")
    con.execute("create table posthog.events (uuid varchar, _inserted_at timestamp)")
    con.execute(
        "insert into posthog.events values "
        "('e4', '2026-01-04 00:00:00'), ('e2', '2026-01-02 00:00:00'), ('e0', null), "
        "('e3', '2026-01-03 00:00:00'), ('e1', '2026-01-01 00:00:00')"
    )
    con.execute("create schema zendesk")
    con.execute("create table zendesk.tickets (id bigint, _fivetran_synced timestamp)")
    con.execute(
        "insert into zendesk.tickets values "
        "(2, '2026-01-02 12:00:00'), (1, '2026-01-01 12:00:00'), (3, '2026-01-01 06:00:00')"
    )
    con.close()


def rows_as_stored(path: Path, table: str, column: str) -> list:
    """The column's values in the order the rows sit in the table (rowid order)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return [
            row[0] for row in con.execute(f"select {column} from {table} order by rowid").fetchall()
        ]
    finally:
        con.close()


def test_batches_split_at_load_time_and_append_in_load_order(tmp_path: Path) -> None:
    source, target = tmp_path / "raw.duckdb", tmp_path / "warehouse.duckdb"
    make_source(source)
    cut = datetime(2026, 1, 2, 0, 0, 0)

    first = raw_loader.copy_batch(source, target, until=cut)
    assert first == {"posthog.events": 2, "zendesk.tickets": 2}
    second = raw_loader.copy_batch(source, target, until=None, since=cut)
    assert second == {"posthog.events": 2, "zendesk.tickets": 1}

    # (since, until]: e2 at the cut itself went with the first batch; within each batch the
    # rows follow load time, not the source's order; a row without a load time is in neither.
    assert rows_as_stored(target, "posthog.events", "uuid") == ["e1", "e2", "e3", "e4"]
    assert rows_as_stored(target, "zendesk.tickets", "id") == [3, 1, 2]


def test_every_schema_dbt_does_not_build_is_raw(tmp_path: Path) -> None:
    """A third Segment source (any schema name, as the `segment_schemas` var allows) is copied;
    tables of the schemas dbt builds are not, even when the source is a full warehouse."""
    source, target = tmp_path / "raw.duckdb", tmp_path / "warehouse.duckdb"
    make_source(source)
    con = duckdb.connect(str(source))
    con.execute("create schema segment_mobile")
    con.execute("create table segment_mobile.pages (id varchar, received_at timestamp)")
    con.execute("insert into segment_mobile.pages values ('m1', '2026-01-01 08:00:00')")
    con.execute("create schema marts")
    con.execute("create table marts.dim_users (user_id varchar)")  # no load time: never read
    con.close()

    counts = raw_loader.copy_batch(source, target, until=None)

    assert counts == {"posthog.events": 5, "segment_mobile.pages": 1, "zendesk.tickets": 3}
    assert rows_as_stored(target, "segment_mobile.pages", "id") == ["m1"]


def test_a_raw_table_without_load_time_column_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "raw.duckdb"
    con = duckdb.connect(str(source))
    con.execute("create schema vercel")
    con.execute("create table vercel.analytics_events (path varchar)")
    con.close()
    with pytest.raises(SystemExit, match="no load-time column"):
        raw_loader.copy_batch(source, tmp_path / "warehouse.duckdb", until=None)


def test_the_copy_caps_duckdb_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """DuckDB's default (80 % of RAM) let a 100M-row copy be OOM-killed: the loader's
    connections take $DUCKDB_MEMORY_LIMIT, else 8GB (DuckDB shows 1GB = 10**9 bytes as 953.6 MiB and
    8GB as 7.4 GiB)."""

    def limit() -> str:
        con = raw_loader.connect(tmp_path / "target.duckdb")
        try:
            return con.execute("select current_setting('memory_limit')").fetchone()[0]
        finally:
            con.close()

    monkeypatch.setenv("DUCKDB_MEMORY_LIMIT", "1GB")
    assert limit() == "953.6 MiB"
    monkeypatch.delenv("DUCKDB_MEMORY_LIMIT")
    assert limit() == "7.4 GiB"
