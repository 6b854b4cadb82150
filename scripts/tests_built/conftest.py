"""Tests that need the warehouse built by `dbt build`; scripts/check runs them after it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for folder in (HERE, ROOT / "dashboard", ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from built_warehouse import built_warehouse  # noqa: E402


@pytest.fixture(scope="session")
def warehouse() -> Path:
    return built_warehouse()
