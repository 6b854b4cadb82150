"""scripts/check_personal_data.py on hand-made manifests and a tiny DuckDB warehouse."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import check_personal_data
import duckdb
import pytest


def model(
    name: str,
    columns: list[str],
    access: str = "protected",
    enforced: bool = False,
    materialized: str = "table",
) -> dict[str, Any]:
    return {
        "resource_type": "model",
        "package_name": "product_analytics",
        "name": name,
        "access": access,
        "contract": {"enforced": enforced},
        "config": {"materialized": materialized},
        "columns": {column: {"name": column, "data_type": "varchar"} for column in columns},
    }


def write_manifest(tmp_path: Path, *models: dict[str, Any]) -> Path:
    nodes = {f"model.product_analytics.{m['name']}": m for m in models}
    nodes["test.product_analytics.not_null_x.abc"] = {
        "resource_type": "test",
        "package_name": "product_analytics",
        "name": "not_null_x",
        "columns": {"email": {}},
    }
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"metadata": {"project_name": "product_analytics"}, "nodes": nodes}))
    return path


CLEAN_MART = model(
    "dim_users",
    ["user_id", "tenant_id", "plan", "signup_source", "tenant_name", "step_name"],
    access="public",
    enforced=True,
)


def test_a_mart_exposing_email_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    leaky = model("dim_users", ["user_id", "email", "plan"], access="public", enforced=True)

    assert check_personal_data.main(["--manifest", str(write_manifest(tmp_path, leaky))]) == 1

    out = capsys.readouterr().out
    assert (
        "dim_users (public contract): column `email` looks like personal data (the word 'email')"
        in out
    )
    assert "1 personal-data column(s)" in out


def test_the_project_shape_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    staging = model("stg_zendesk__users", ["zendesk_user_id", "user_id", "email_hash"], "view")
    base = model("base_zendesk__users", ["zendesk_user_id", "email"], materialized="ephemeral")
    path = write_manifest(tmp_path, CLEAN_MART, staging, base)

    assert check_personal_data.main(["--manifest", str(path)]) == 0
    assert "no personal data in 2 models" in capsys.readouterr().out


def test_a_base_model_that_is_a_relation_is_scanned(tmp_path: Path) -> None:
    base_view = model("base_zendesk__users", ["zendesk_user_id", "email"], materialized="view")

    findings, scanned = check_personal_data.manifest_findings(write_manifest(tmp_path, base_view))

    assert scanned == 1
    assert [(f.column, f.reason) for f in findings] == [("email", "the word 'email'")]


def test_a_public_model_without_an_enforced_contract_fails(tmp_path: Path) -> None:
    loose = model("mart_x", ["week"], access="public", enforced=False)

    findings, _ = check_personal_data.manifest_findings(write_manifest(tmp_path, loose))

    assert [f.reason for f in findings] == ["public model without an enforced contract"]


@pytest.mark.parametrize(
    ("column", "flagged"),
    [
        ("email", True),
        ("requester_email", True),
        ("email_address", True),
        ("context_ip", True),
        ("ip_address", True),
        ("ticket_subject", True),
        ("subject", True),
        ("phone_number", True),
        ("name", True),
        ("first_name", True),
        ("requester_name", True),
        ("username", True),
        ("email_hash", False),
        ("event_name", False),
        ("step_name", False),
        ("tenant_name", False),
        ("page_name", False),
        ("zip_code", False),
        ("description", False),
        ("shipping", False),
    ],
)
def test_personal_data_reason(column: str, flagged: bool) -> None:
    assert (check_personal_data.personal_data_reason(column) is not None) is flagged


def test_the_warehouse_scan_finds_an_undocumented_column(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema marts")
        con.execute("create table marts.dim_users (user_id varchar, email varchar)")
        con.execute("create schema raw")
        con.execute("create table raw.users (email varchar)")  # not a model schema
    path = write_manifest(tmp_path, CLEAN_MART)

    assert check_personal_data.main(["--manifest", str(path), "--warehouse", str(warehouse)]) == 1
    findings, relations = check_personal_data.warehouse_findings(warehouse, ["marts"])
    assert relations == 1
    assert [(f.where, f.column) for f in findings] == [("marts.dim_users (warehouse)", "email")]


def test_a_missing_manifest_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "target" / "manifest.json"

    assert check_personal_data.main(["--manifest", str(missing)]) == 2
    assert f"{missing} not found" in capsys.readouterr().err
