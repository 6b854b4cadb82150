"""Readable reports from dbt's JSON artifacts, for scheduled runs and CI logs.

  freshness SOURCES_JSON      one line per source that is not fresh (target/sources.json
                              of `dbt source freshness`); exit 1 when any source is past
                              its error threshold or could not be checked, 0 otherwise
                              (warnings are printed, not failures)
  failures RUN_RESULTS_JSON   one line per failing node of a `dbt build`/`run`/`test`
                              (target/run_results.json), warnings and skipped nodes counted;
                              exit 1 when any node failed, 0 otherwise
  scrub DIR [--env PII_SALT]  replace the value of that environment variable by
                              `<PII_SALT>` in every file under DIR: compiled SQL in the
                              manifest, run results and docs holds the salt of pii_hash,
                              which must not be uploaded; exit 1 when the variable is empty

A missing or unreadable artifact is exit 2 with a message that names the file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_ARTIFACT = 2
FRESHNESS_FAILED = {"error", "runtime error"}
NODE_FAILED = {"error", "fail", "runtime error"}


class ArtifactError(Exception):
    """A missing or malformed artifact file."""


def load_results(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError as error:
        raise ArtifactError(f"{path} not found: did the dbt command run?") from error
    except (OSError, json.JSONDecodeError) as error:
        raise ArtifactError(f"{path} is not a readable dbt artifact: {error}") from error
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        raise ArtifactError(f"{path} has no 'results' list: not a dbt artifact")
    return results


def short_name(unique_id: str) -> str:
    """Drop the resource type and project: `source.p.segment.pages` -> `segment.pages`,
    `model.p.dim_users` -> `dim_users`; a data test also loses its hash suffix."""
    parts = unique_id.split(".")
    if len(parts) < 3:
        return unique_id
    if parts[0] == "test":
        return parts[2]
    return ".".join(parts[2:])


def describe_age(seconds: float) -> str:
    hours = seconds / 3600
    return f"{hours / 24:.1f} days" if hours >= 48 else f"{hours:.1f} hours"


def describe_threshold(threshold: dict[str, Any] | None) -> str | None:
    if not threshold or threshold.get("count") is None:
        return None
    count, period = threshold["count"], threshold["period"]
    return f"{count} {period}{'' if count == 1 else 's'}"


def describe_time(value: Any) -> str:
    """An ISO timestamp from the artifact as `YYYY-MM-DD HH:MM UTC` (as given if unparsable)."""
    if not value:
        return "never"
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC)
    return f"{parsed:%Y-%m-%d %H:%M} UTC"


def freshness_line(result: dict[str, Any]) -> str:
    name = short_name(str(result.get("unique_id", "?")))
    status = str(result.get("status", "?"))
    if status == "runtime error":
        message = result.get("error") or result.get("message") or "no message"
        return f"ERROR  {name}: freshness could not be checked: {message}"
    criteria = result.get("criteria") or {}
    limit_key = "error_after" if status == "error" else "warn_after"
    limit = describe_threshold(criteria.get(limit_key))
    age = result.get("max_loaded_at_time_ago_in_s")
    loaded = describe_time(result.get("max_loaded_at"))
    age_text = f"{describe_age(float(age))} ago" if age is not None else "age unknown"
    label = "STALE" if status == "error" else "WARN "
    kind = "error" if status == "error" else "warn"
    limit_text = f" ({kind} after {limit})" if limit else ""
    return f"{label}  {name}: last loaded {loaded}, {age_text}{limit_text}"


def report_freshness(path: Path) -> tuple[int, list[str]]:
    results = load_results(path)
    # Failures first, then warnings; by source name within each.
    not_fresh = sorted(
        (r for r in results if r.get("status") != "pass"),
        key=lambda r: (r.get("status") not in FRESHNESS_FAILED, short_name(str(r["unique_id"]))),
    )
    lines = [freshness_line(r) for r in not_fresh]
    failed = sum(1 for r in results if r.get("status") in FRESHNESS_FAILED)
    warned = sum(1 for r in results if r.get("status") == "warn")
    header = f"source freshness: {len(results)} checked, {failed} stale or unchecked, {warned} warn"
    return (EXIT_FAILED if failed else EXIT_OK), [header, *lines]


def failure_line(result: dict[str, Any]) -> str:
    unique_id = str(result.get("unique_id", "?"))
    resource = unique_id.split(".")[0]
    status = str(result.get("status", "?")).upper()
    message = " ".join(str(result.get("message") or "no message").split())
    failures = result.get("failures")
    count = f" [{failures} failing rows]" if isinstance(failures, int) and failures else ""
    relation = result.get("relation_name")
    where = f" -> {relation}" if relation else ""
    return f"{status:<5} {resource} {short_name(unique_id)}{where}: {message}{count}"


def report_failures(path: Path) -> tuple[int, list[str]]:
    results = load_results(path)
    failed = [r for r in results if r.get("status") in NODE_FAILED]
    warned = sum(1 for r in results if r.get("status") == "warn")
    skipped = sum(1 for r in results if r.get("status") == "skipped")
    header = (
        f"dbt run results: {len(results)} nodes, {len(failed)} failed, {warned} warn,"
        f" {skipped} skipped"
    )
    return (EXIT_FAILED if failed else EXIT_OK), [header, *(failure_line(r) for r in failed)]


def scrub_secret(directory: Path, secret: str, placeholder: str) -> list[Path]:
    """Replace every occurrence of secret in the files under directory; the files changed."""
    if not secret:
        raise ValueError("the secret is empty: nothing to scrub, and nothing would be safe")
    changed = []
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        text = path.read_text(errors="surrogateescape")
        if secret in text:
            path.write_text(text.replace(secret, placeholder), errors="surrogateescape")
            changed.append(path)
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("freshness", help="report target/sources.json").add_argument(
        "artifact", type=Path
    )
    commands.add_parser("failures", help="report target/run_results.json").add_argument(
        "artifact", type=Path
    )
    scrub = commands.add_parser("scrub", help="remove a secret's value from artifacts")
    scrub.add_argument("directory", type=Path)
    scrub.add_argument("--env", default="PII_SALT", help="variable holding the secret")
    args = parser.parse_args(argv)
    if args.command == "scrub":
        secret = os.environ.get(args.env, "")
        if not secret:
            print(f"dbt_artifacts: error: {args.env} is not set", file=sys.stderr)
            return EXIT_FAILED
        changed = scrub_secret(args.directory, secret, f"<{args.env}>")
        print(f"scrubbed {args.env} from {len(changed)} file(s) under {args.directory}")
        return EXIT_OK
    report = report_freshness if args.command == "freshness" else report_failures
    try:
        code, lines = report(args.artifact)
    except ArtifactError as error:
        print(f"dbt_artifacts: error: {error}", file=sys.stderr)
        return EXIT_BAD_ARTIFACT
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main())
