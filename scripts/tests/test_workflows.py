"""The GitHub Actions workflows call the project's own scripts, never a copy of their steps.

Schema validity is checked by scripts/check (check-jsonschema); this checks what a schema
cannot: every `run:` command is an executable script of this repository that the README
documents, and the two workflows are wired the way the README says.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = REPO_ROOT / ".github" / "workflows"


def load(path: Path) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean True.
    data = yaml.safe_load(path.read_text())
    if True in data:
        data["on"] = data.pop(True)
    return data


def run_commands(workflow: dict[str, Any]) -> list[tuple[str, str]]:
    """(job, command) for every command line of every `run:` step."""
    commands = []
    for job_name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            script = step.get("run")
            if script is None:
                continue
            for line in script.replace("\\\n", " ").splitlines():
                if line.strip() and not line.strip().startswith("#"):
                    commands.append((job_name, line.strip()))
    return commands


INTERPRETER = ".venv/bin/python"  # the project's Python, made by scripts/bootstrap


def program_of(command: str) -> str:
    """The repository script a command runs (through the project's Python for `.py`)."""
    words = shlex.split(command)
    return words[1] if words[0] == INTERPRETER and len(words) > 1 else words[0]


def problems_with_command(command: str, readme: str) -> list[str]:
    program = program_of(command)
    if program.endswith(".py") and program != shlex.split(command)[0]:
        path = REPO_ROOT / program
        if not path.is_file():
            return [f"{command!r}: {program} is not a file of the repository"]
        return [] if program in readme else [f"{command!r}: {program} is not in README.md"]
    path = REPO_ROOT / program
    if not program.startswith(("scripts/", ".ci/")):
        return [f"{command!r} does not call a script of the repository"]
    if not (path.is_file() and os.access(path, os.X_OK)):
        return [f"{command!r}: {program} is not an executable file of the repository"]
    if program not in readme:
        return [f"{command!r}: {program} is not documented in README.md"]
    return []


WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))


def test_there_are_a_daily_and_a_pull_request_workflow() -> None:
    assert {path.name for path in WORKFLOW_FILES} == {"daily.yml", "pull-request.yml"}


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_every_run_line_calls_a_documented_script(path: Path) -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    commands = run_commands(load(path))

    assert commands, f"{path.name} runs nothing"
    problems = [p for _, command in commands for p in problems_with_command(command, readme)]
    assert problems == []


def test_the_check_rejects_a_copied_step() -> None:
    readme = "scripts/run scripts/check"
    assert problems_with_command(".venv/bin/dbt build --select x", readme)
    assert problems_with_command("scripts/does_not_exist", readme)
    assert problems_with_command("scripts/daily", readme)  # exists, but not in this README
    assert problems_with_command("scripts/run --select x", readme) == []
    assert problems_with_command(".venv/bin/python scripts/not_there.py", readme)
    assert problems_with_command(".venv/bin/python -c 'print(1)'", readme)


def test_daily_runs_on_a_schedule_and_on_demand_and_uploads_its_artifacts() -> None:
    daily = load(WORKFLOWS / "daily.yml")

    assert daily["on"]["schedule"][0]["cron"]
    assert "workflow_dispatch" in daily["on"]
    job = daily["jobs"]["daily"]
    assert [c for _, c in run_commands(daily)] == ["scripts/bootstrap", "scripts/daily"]
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-"))
    assert upload["with"]["path"].rstrip("/") == job["env"]["ARTIFACTS_DIR"]
    assert upload["if"] == "always()"  # a failed run still leaves its run_results


def test_pull_request_defers_to_the_state_fetched_from_the_daily_run() -> None:
    pull_request = load(WORKFLOWS / "pull-request.yml")
    daily = load(WORKFLOWS / "daily.yml")
    commands = dict((shlex.split(c)[0], shlex.split(c)) for _, c in run_commands(pull_request))

    fetch = commands["scripts/fetch_prod_state"]
    state_dir = fetch[1]
    workflow_file = fetch[2] if len(fetch) > 2 else "daily.yml"
    assert (WORKFLOWS / workflow_file).exists()
    build = commands["scripts/run"]
    assert build[build.index("--select") + 1] == "state:modified+"
    assert "--defer" in build and build[build.index("--state") + 1] == state_dir
    assert "scripts/check" in commands
    uploaded = next(
        s["with"]["name"]
        for s in daily["jobs"]["daily"]["steps"]
        if s.get("uses", "").startswith("actions/upload-")
    )
    assert f'artifact_name="{uploaded}"' in (REPO_ROOT / "scripts/fetch_prod_state").read_text()
