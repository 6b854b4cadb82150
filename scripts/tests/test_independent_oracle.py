"""The marts against a second implementation, on raw data the project's generator did not make.

independent_raw.py writes ~220 users of raw tables from the raw-data contract alone, with
hand-made edge cases (a signup mature to the second, onboarding at exactly 168 hours and one
second later, a first publish quarantined, anonymous-only signups, a support event earlier or
later than its ticket, re-deliveries weeks later, a Vercel outage day, ...). marts_oracle.py
computes every contract mart from those raw tables in plain Python, row by row, from
metrics.md alone. The project is built on the same file with `dbt seed` and `dbt build` (its
data tests run on this data too), and each mart must equal the oracle on the contract columns.

dim_users is compared on signed-up users: the project also lists users who were identified
but never signed up (null signup columns), a reading metrics.md leaves open; the oracle lists
signed-up users only.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb
import marts_oracle
import pytest
import raw_loader
from compare_marts import normalise
from dbt_marts import assert_same_marts, mart_snapshot, replay_in_batches, run_dbt

# The grain of each contract mart (metrics.md, Mart contract).
KEYS = {
    "dim_users": ["user_id"],
    "dim_tenants": ["tenant_id"],
    "dim_agents": ["agent_id"],
    "fct_user_activation": ["user_id"],
    "mart_activation_weekly": ["cohort_week", "plan", "company_size", "industry"],
    "mart_time_to_first_agent_weekly": ["cohort_week", "plan"],
    "mart_retention_weekly": ["cohort_week", "weeks_since_cohort"],
    "mart_usage_intensity_weekly": ["activity_week", "plan"],
    "mart_support_load_weekly": ["request_week", "plan"],
    "mart_activation_funnel": ["cohort_week", "step_number"],
    "mart_pageviews_reconciliation_daily": ["date_day"],
    "mart_alerts": ["alert_type", "period_start"],
}


def normalized(value):
    """compare_marts' one form per value (UTC wall time, decimals as int or float), and dates
    as midnight timestamps: the oracle gives weeks and days as datetimes."""
    value = normalise(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def same(expected, got) -> bool:
    expected, got = normalized(expected), normalized(got)
    if isinstance(expected, float) and isinstance(got, int | float) and not isinstance(got, bool):
        return abs(expected - got) <= 1e-9
    return expected == got


def differences(mart: str, expected: list[dict], got: list[dict]) -> list[str]:
    """One line per key that is missing, extra or differs on a contract column."""
    keys = KEYS[mart]

    def key_of(row: dict) -> tuple:
        return tuple(normalized(row[k]) for k in keys)

    expected_by_key = {key_of(row): row for row in expected}
    got_by_key = {key_of(row): row for row in got}
    lines = []
    if len(got_by_key) != len(got):
        lines.append(f"{len(got) - len(got_by_key)} duplicate keys in the mart")
    for key in sorted(set(expected_by_key) | set(got_by_key), key=lambda k: tuple(map(str, k))):
        want, have = expected_by_key.get(key), got_by_key.get(key)
        if have is None:
            lines.append(f"{key}: missing from the mart (oracle {want})")
        elif want is None:
            lines.append(f"{key}: not in the oracle (mart {have})")
        else:
            lines += [
                f"{key}: {column} mart {have[column]!r}, oracle {want[column]!r}"
                for column in want
                if not same(want[column], have[column])
            ]
    return lines


@pytest.fixture(scope="module")
def independent_raw(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("independent_raw") / "raw.duckdb"
    subprocess.run(
        [sys.executable, str(Path(__file__).with_name("independent_raw.py")), str(path)],
        check=True,
        capture_output=True,
    )
    return path


@pytest.fixture(scope="module")
def full_build(independent_raw: Path, tmp_path_factory) -> Path:
    """A warehouse with the independent raw tables and `dbt seed` + `dbt build` on them."""
    work = tmp_path_factory.mktemp("independent_full")
    warehouse = work / "warehouse.duckdb"
    shutil.copyfile(independent_raw, warehouse)
    run_dbt(warehouse, work, "seed")
    run_dbt(warehouse, work, "build")
    return warehouse


@pytest.fixture(scope="module")
def marts(independent_raw: Path, full_build: Path) -> dict[str, tuple[list[dict], list[dict]]]:
    """(oracle rows, mart rows) per contract mart, the mart rows on the oracle's columns."""
    expected, _ = marts_oracle.compute(independent_raw)
    con = duckdb.connect(str(full_build), read_only=True)
    try:
        con.execute("set TimeZone = 'UTC'")
        result = {}
        for mart in KEYS:
            assert expected[mart], f"the oracle computed no {mart} rows: nothing to compare"
            columns = list(expected[mart][0])
            cursor = con.execute(f"select {', '.join(columns)} from marts.{mart}")
            got = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
            result[mart] = (expected[mart], got)
        return result
    finally:
        con.close()


@pytest.mark.parametrize("mart", [m for m in KEYS if m != "dim_users"])
def test_mart_equals_the_independent_oracle(marts, mart):
    expected, got = marts[mart]
    lines = differences(mart, expected, got)
    assert not lines, f"{mart}: {len(lines)} differences\n" + "\n".join(lines[:20])


def test_dim_users_signed_up_users_equal_the_oracle(marts):
    expected, got = marts["dim_users"]
    signed_up = [row for row in got if row["signup_at"] is not None]
    lines = differences("dim_users", expected, signed_up)
    assert not lines, f"dim_users: {len(lines)} differences\n" + "\n".join(lines[:20])
    # The other rows are identified users without a signup: no signup, tenant, plan or source.
    others = [row for row in got if row["signup_at"] is None]
    assert all(
        row["tenant_id"] is None and row["plan"] is None and row["signup_source"] is None
        for row in others
    ), others


def test_incremental_batches_equal_the_full_build(
    independent_raw: Path, full_build: Path, tmp_path: Path
) -> None:
    """The same raw rows replayed in four load-time batches (its re-deliveries weeks later land
    in later batches), `dbt run` after each: the same marts, quarantine and identity map as the
    full build that the oracle checks."""
    warehouse = tmp_path / "warehouse.duckdb"
    loaded = replay_in_batches(independent_raw, warehouse, tmp_path)
    assert loaded == raw_loader.raw_row_count(independent_raw), "every raw row, exactly once"
    assert_same_marts(
        mart_snapshot(full_build),
        mart_snapshot(warehouse),
        ("the full build", "the incremental runs"),
    )
