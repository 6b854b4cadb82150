"""Exposures and docs: `dbt docs generate` (run by scripts/check before this) wrote a
manifest whose exposures name an owner with an email and depend on what each consumer really
reads, and a catalog of the built marts for the lineage site."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import deliver_alerts
import mart_queries
import pytest
from built_warehouse import ROOT

PROJECT = "product_analytics"


def target_file(name: str) -> dict[str, Any]:
    target = Path(os.environ.get("DBT_TARGET_PATH", ROOT / "target"))
    path = target if target.is_absolute() else ROOT / target
    if not (path / name).is_file():
        pytest.fail(f"no {path / name}: run `dbt docs generate` first (scripts/check does)")
    return json.loads((path / name).read_text())


@pytest.fixture(scope="module")
def exposures() -> dict[str, dict[str, Any]]:
    manifest = target_file("manifest.json")
    return {exposure["name"]: exposure for exposure in manifest["exposures"].values()}


def models(*names: str) -> set[str]:
    return {f"model.{PROJECT}.{name}" for name in names}


def test_dashboard_exposure_depends_on_exactly_the_marts_the_dashboard_reads(
    exposures: dict[str, dict[str, Any]],
) -> None:
    dashboard = exposures["product_analytics_dashboard"]
    assert dashboard["type"] == "dashboard"
    assert set(dashboard["depends_on"]["nodes"]) == models(*mart_queries.REQUIRED_MARTS)


def test_alert_feed_exposure_depends_on_exactly_the_marts_the_delivery_reads(
    exposures: dict[str, dict[str, Any]],
) -> None:
    feed = exposures["slack_alert_feed"]
    assert models("mart_alerts", "dim_agents") <= set(feed["depends_on"]["nodes"])
    assert set(feed["depends_on"]["nodes"]) == models(*deliver_alerts.REQUIRED_MARTS)


def test_every_exposure_has_an_owner_with_an_email(exposures: dict[str, dict[str, Any]]) -> None:
    assert exposures, "the manifest has no exposures"
    for name, exposure in exposures.items():
        owner = exposure["owner"]
        assert owner.get("name"), f"{name} has no owner name"
        assert "@" in (owner.get("email") or ""), f"{name} has no owner email"


def test_every_exposure_reads_public_models_only(exposures: dict[str, dict[str, Any]]) -> None:
    nodes = target_file("manifest.json")["nodes"]
    for name, exposure in exposures.items():
        for node in exposure["depends_on"]["nodes"]:
            assert nodes[node]["access"] == "public", f"{name} reads {node}, which is not public"


def test_catalog_documents_the_built_marts() -> None:
    catalog = target_file("catalog.json")
    built = {node["metadata"]["name"] for node in catalog["nodes"].values()}
    missing = set(mart_queries.REQUIRED_MARTS) - built
    assert not missing, f"the docs catalog lacks {sorted(missing)}"
