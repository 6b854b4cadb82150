"""Fail when a model exposes a column that looks like personal data.

Emails, person names, IP addresses, phone numbers, postal addresses and ticket subjects
must never reach the marts; staging keeps at most a salted hash (`*_hash`, macro pii_hash).
Scanned, from dbt's manifest.json (after a build or parse):
  * every public model's contract columns (what the BI tool reads), and
  * the documented columns of every other model except the ephemeral `base_*` models,
    which read raw data and exist in no schema of the warehouse;
and with --warehouse, the actual columns of every relation in the model schemas (so an
undocumented column cannot slip through).

A name is flagged by its words (split on `_`): `email`, `ip`, `subject`, `phone`,
`address`, ... anywhere, or a person's `name` (`name`, `first_name`, `requester_name`, ...).
Names of things (`event_name`, `step_name`, `tenant_name`: a company) and hashes
(`email_hash`) pass. Exit 0 when clean, 1 with one line per offending column, 2 when the
manifest or warehouse cannot be read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

REPO_ROOT = Path(__file__).resolve().parent.parent
PERSONAL_WORDS = frozenset(
    {"email", "emails", "mail", "ip", "ipv4", "ipv6", "subject", "phone", "address", "ssn"}
)
PERSON_NAME_QUALIFIERS = frozenset(
    {"first", "last", "full", "given", "family", "middle", "display", "user", "person",
     "requester", "customer", "contact", "author", "assignee", "sender", "recipient"}
)  # fmt: skip
PERSON_NAME_WORDS = frozenset({"name", "username", "firstname", "lastname", "fullname"})
HASH_SUFFIXES = frozenset({"hash", "hashed", "sha256", "digest"})
MODEL_SCHEMAS = ("staging", "intermediate", "marts")


@dataclass(frozen=True)
class Finding:
    where: str
    column: str
    reason: str

    def line(self) -> str:
        return f"{self.where}: column `{self.column}` looks like personal data ({self.reason})"


def personal_data_reason(column: str) -> str | None:
    """Why the column name looks like personal data, or None."""
    words = [word for word in column.lower().split("_") if word]
    if not words or words[-1] in HASH_SUFFIXES:
        return None
    hits = [word for word in words if word in PERSONAL_WORDS]
    if hits:
        return f"the word '{hits[0]}'"
    if len(words) == 1 and words[0] in PERSON_NAME_WORDS:
        return "a person's name"
    if words[-1] == "name" and len(words) >= 2 and words[-2] in PERSON_NAME_QUALIFIERS:
        return "a person's name"
    return None


class ScanError(Exception):
    """An unreadable manifest or warehouse."""


def manifest_findings(manifest_path: Path) -> tuple[list[Finding], int]:
    """Findings in the manifest, and how many models were scanned."""
    try:
        manifest = json.loads(manifest_path.read_text())
        nodes = manifest["nodes"].values()
        project = manifest["metadata"]["project_name"]
    except FileNotFoundError as error:
        raise ScanError(f"{manifest_path} not found: run dbt build (or parse) first") from error
    except (OSError, ValueError, KeyError, AttributeError) as error:
        raise ScanError(f"{manifest_path} is not a dbt manifest: {error}") from error
    findings: list[Finding] = []
    scanned = 0
    for node in nodes:
        if node.get("resource_type") != "model" or node.get("package_name") != project:
            continue
        materialized = node.get("config", {}).get("materialized")
        if node["name"].startswith("base_") and materialized == "ephemeral":
            continue
        scanned += 1
        public = node.get("access") == "public"
        if public and not node.get("contract", {}).get("enforced"):
            findings.append(Finding(node["name"], "*", "public model without an enforced contract"))
        kind = "public contract" if public else "documented columns"
        for column in node.get("columns", {}):
            reason = personal_data_reason(column)
            if reason:
                findings.append(Finding(f"{node['name']} ({kind})", column, reason))
    return findings, scanned


def warehouse_findings(warehouse: Path, schemas: Iterable[str]) -> tuple[list[Finding], int]:
    if not warehouse.exists():
        raise ScanError(f"warehouse {warehouse} not found")
    schema_list = list(schemas)
    placeholders = ", ".join("?" for _ in schema_list)
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            rows = con.execute(
                "select table_schema, table_name, column_name from information_schema.columns"
                f" where table_schema in ({placeholders}) order by 1, 2, ordinal_position",
                schema_list,
            ).fetchall()
    except duckdb.Error as error:
        raise ScanError(f"cannot read {warehouse}: {error}") from error
    findings = [
        Finding(f"{schema}.{table} (warehouse)", column, reason)
        for schema, table, column in rows
        if (reason := personal_data_reason(column))
    ]
    return findings, len({(schema, table) for schema, table, _ in rows})


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--manifest",
        type=Path,
        default=Path(os.environ.get("DBT_TARGET_PATH") or REPO_ROOT / "target") / "manifest.json",
        help="dbt manifest (default: $DBT_TARGET_PATH or target/, then manifest.json)",
    )
    parser.add_argument(
        "--warehouse", type=Path, help="also scan the built relations of this DuckDB file"
    )
    parser.add_argument(
        "--schemas",
        nargs="+",
        default=list(MODEL_SCHEMAS),
        help="warehouse schemas to scan (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    try:
        findings, models = manifest_findings(args.manifest)
        summary = f"{models} models in {args.manifest}"
        if args.warehouse:
            more, relations = warehouse_findings(args.warehouse, args.schemas)
            findings += more
            summary += f", {relations} relations in {args.warehouse}"
    except ScanError as error:
        print(f"check_personal_data: error: {error}", file=sys.stderr)
        return 2
    for finding in findings:
        print(finding.line())
    verdict = f"{len(findings)} personal-data column(s)" if findings else "no personal data"
    print(f"check_personal_data: {verdict} in {summary}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
