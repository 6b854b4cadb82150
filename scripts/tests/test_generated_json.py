"""PostHog JSON columns written by the generator parse as JSON (a regression once left every
identified browser event with an unbalanced brace, which staging rightly quarantined)."""

from __future__ import annotations

from pathlib import Path

import duckdb
from dbt_marts import generate_raw


def test_posthog_properties_are_valid_json(tmp_path: Path) -> None:
    warehouse = generate_raw(tmp_path / "raw.duckdb", users=60, days=20, seed=4)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows, invalid = con.execute(
            "select count(*), count(*) filter (where not json_valid(properties)) "
            "from posthog.events"
        ).fetchone()
        person_rows, person_invalid = con.execute(
            "select count(*), count(*) filter (where not json_valid(properties)) "
            "from posthog.persons"
        ).fetchone()
    finally:
        con.close()
    assert rows > 0 and person_rows > 0
    assert invalid == 0, f"{invalid} of {rows} posthog.events properties are not JSON"
    assert person_invalid == 0, f"{person_invalid} posthog.persons properties are not JSON"
