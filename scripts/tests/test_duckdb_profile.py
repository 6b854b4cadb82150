"""The DuckDB targets of profiles/profiles.yml survive a spill to disk.

dbt-duckdb applies `settings` again on every new cursor (one per model), and DuckDB refuses
`SET temp_directory`, even to the same value, once the directory has held spilled data: the
first 100M-row build failed on every model after its first spill. The temp directory is
therefore a connection-time `config_options` entry. This test opens each DuckDB target the
way dbt-duckdb does, forces a spill under a small memory limit, then opens a second cursor.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
import yaml
from dbt.adapters.duckdb.credentials import DuckDBCredentials
from dbt.adapters.duckdb.environments import Environment
from dbt.config.renderer import ProfileRenderer
from dbt_common.context import set_invocation_context

ROOT = Path(__file__).resolve().parents[2]
OUTPUTS = yaml.safe_load((ROOT / "profiles" / "profiles.yml").read_text())["product_analytics"][
    "outputs"
]
DUCKDB_TARGETS = sorted(name for name, output in OUTPUTS.items() if output["type"] == "duckdb")


def credentials(target: str, env: dict[str, str]) -> DuckDBCredentials:
    set_invocation_context({**os.environ, **env})
    rendered = ProfileRenderer({}).render_data(OUTPUTS[target])
    for key in ("type", "threads"):
        rendered.pop(key, None)
    return DuckDBCredentials.from_dict(rendered)


def test_every_duckdb_target_is_checked() -> None:
    assert {"dev", "ci", "pr"} <= set(DUCKDB_TARGETS)


@pytest.mark.parametrize("target", DUCKDB_TARGETS)
def test_new_cursor_after_a_spill(target: str, tmp_path: Path) -> None:
    spill = tmp_path / "spill"
    prod = tmp_path / "prod.duckdb"
    duckdb.connect(str(prod)).close()  # the pr target attaches a production file
    env = {
        "WAREHOUSE_PATH": str(tmp_path / "warehouse.duckdb"),
        "DUCKDB_TEMP_DIRECTORY": str(spill),
        "DUCKDB_MEMORY_LIMIT": "100MB",
        "PROD_WAREHOUSE_PATH": str(prod),
        "PROD_DATABASE": "prod",
    }
    creds = credentials(target, env)
    connection = Environment.initialize_db(creds)
    try:
        first = Environment.initialize_cursor(creds, connection.cursor())
        # About 3M distinct 32-byte keys: a hash aggregate far above 100MB, so it spills.
        first.execute(
            "create table spilled as select key, count(*) as n"
            " from (select md5(cast(i as varchar)) as key from range(3000000) as r(i))"
            " group by key"
        )
        second = Environment.initialize_cursor(creds, connection.cursor())
        assert second.execute("select count(*) from spilled").fetchone() == (3_000_000,)
        setting = second.execute("select current_setting('temp_directory')").fetchone()
        assert setting == (str(spill),)
    finally:
        connection.close()
