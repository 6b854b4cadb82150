"""The semantic layer answers what the marts say: every metric is queried with `mf query`
(through scripts/mf, as the README does) and compared, row by row, with a SQL query on the
marts of the built warehouse. The SQL side aggregates the mart columns independently (e.g.
activation from mart_activation_weekly, while MetricFlow reads fct_user_activation), so a
semantic model that drifts from metrics.md (an average of rates, a wrong filter, another
time column) fails here.
"""

from __future__ import annotations

import csv
import math
import subprocess
from pathlib import Path

import pytest
from built_warehouse import ROOT, query_marts

Key = tuple[str, ...]
Values = dict[Key, float]


def run_mf_query(
    tmp_path: Path, metrics: list[str], group_by: list[str], where: str | None = None
) -> list[dict[str, str]]:
    """Rows of `scripts/mf query ... --csv`, one dict per row (empty string for null)."""
    output = tmp_path / f"{'_'.join(metrics)}.csv"
    command = [
        str(ROOT / "scripts" / "mf"),
        "query",
        "--metrics",
        ",".join(metrics),
        "--group-by",
        ",".join(group_by),
        "--csv",
        str(output),
    ]
    if where is not None:
        command += ["--where", where]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if result.returncode != 0 or not output.is_file():
        pytest.fail(
            f"{' '.join(command)} failed (exit {result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    with output.open(newline="") as handle:
        return list(csv.DictReader(handle))


def mf_values(rows: list[dict[str, str]], metric: str, keys: list[str]) -> Values:
    """metric by key columns, skipping nulls; time keys are cut to the date."""
    values: Values = {}
    for row in rows:
        if row[metric] == "":
            continue
        key = tuple(
            row[column][:10] if column.startswith("metric_time") else row[column] for column in keys
        )
        if key in values:
            pytest.fail(f"mf returned two rows for {key} of {metric}")
        values[key] = float(row[metric])
    return values


def mart_values(sql: str, parameters: tuple[object, ...] = ()) -> Values:
    """The last column of the query by the others (dates as ISO strings), skipping nulls."""
    return {
        tuple(str(part) for part in row[:-1]): float(row[-1])
        for row in query_marts(sql, parameters)
        if row[-1] is not None
    }


def differences(expected: Values, actual: Values, tolerance: float = 1e-9) -> list[str]:
    """Every key missing on either side and every value that differs beyond the tolerance."""
    problems = [
        f"{key}: in the marts ({expected[key]}), not from mf"
        for key in expected.keys() - actual.keys()
    ]
    problems += [
        f"{key}: from mf ({actual[key]}), not in the marts"
        for key in actual.keys() - expected.keys()
    ]
    for key in sorted(expected.keys() & actual.keys()):
        if not math.isclose(expected[key], actual[key], rel_tol=tolerance, abs_tol=tolerance):
            problems.append(f"{key}: marts {expected[key]!r}, mf {actual[key]!r}")
    return problems


def assert_agree(expected: Values, actual: Values, what: str) -> None:
    assert expected, f"the marts have no rows for {what}: nothing would be compared"
    problems = differences(expected, actual)
    assert not problems, (
        f"{what}: mf and the marts disagree on {len(problems)} rows:\n" + "\n".join(problems[:20])
    )


def test_differences_reports_changed_missing_and_extra_rows() -> None:
    expected: Values = {("2026-01-05", "pro"): 0.25, ("2026-01-12", "pro"): 0.5}
    actual: Values = {("2026-01-05", "pro"): 0.2500001, ("2026-01-19", "pro"): 0.5}
    problems = differences(expected, actual)
    assert len(problems) == 3
    assert differences(expected, dict(expected)) == []


@pytest.fixture(scope="module")
def activation_and_ttfa(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    return run_mf_query(
        tmp_path_factory.mktemp("mf"),
        ["activation_rate", "time_to_first_agent_median_hours", "time_to_first_agent_mean_hours"],
        ["metric_time__week", "plan"],
    )


def test_activation_rate_by_cohort_week_and_plan(activation_and_ttfa: list[dict[str, str]]) -> None:
    expected = mart_values(
        """
        select cohort_week, plan, cast(sum(activated_users) as double) / sum(signups)
        from marts.mart_activation_weekly
        group by cohort_week, plan
        """
    )
    actual = mf_values(activation_and_ttfa, "activation_rate", ["metric_time__week", "plan"])
    assert_agree(expected, actual, "activation rate by cohort week and plan")


@pytest.mark.parametrize(
    ("metric", "column"),
    [
        ("time_to_first_agent_median_hours", "median_hours_to_first_agent"),
        ("time_to_first_agent_mean_hours", "avg_hours_to_first_agent"),
    ],
)
def test_time_to_first_agent_by_cohort_week_and_plan(
    activation_and_ttfa: list[dict[str, str]], metric: str, column: str
) -> None:
    expected = mart_values(
        f"select cohort_week, plan, {column} from marts.mart_time_to_first_agent_weekly"
    )
    actual = mf_values(activation_and_ttfa, metric, ["metric_time__week", "plan"])
    assert_agree(expected, actual, metric)


def test_activation_rate_for_one_company_size_and_industry(tmp_path: Path) -> None:
    # The biggest known segment of the data, so that the filter keeps several weeks.
    rows = query_marts(
        """
        select company_size, industry
        from marts.mart_activation_weekly
        where company_size <> 'unknown' and industry <> 'unknown'
        group by company_size, industry
        order by sum(signups) desc, company_size, industry
        limit 1
        """
    )
    assert rows, "no signups with a known company size and industry"
    company_size, industry = rows[0]
    where = (
        f"{{{{ Dimension('user__company_size') }}}} = '{company_size}' "
        f"and {{{{ Dimension('user__industry') }}}} = '{industry}'"
    )
    result = run_mf_query(tmp_path, ["activation_rate"], ["metric_time__week"], where)
    expected = mart_values(
        """
        select cohort_week, cast(sum(activated_users) as double) / sum(signups)
        from marts.mart_activation_weekly
        where company_size = ? and industry = ?
        group by cohort_week
        """,
        (company_size, industry),
    )
    actual = mf_values(result, "activation_rate", ["metric_time__week"])
    assert_agree(expected, actual, f"activation rate of {company_size} / {industry}")


def test_four_week_retention_by_cohort_week(tmp_path: Path) -> None:
    result = run_mf_query(tmp_path, ["retention_rate_4w"], ["metric_time__week"])
    expected = mart_values(
        """
        select cohort_week, retention_rate
        from marts.mart_retention_weekly
        where weeks_since_cohort = 4
        """
    )
    actual = mf_values(result, "retention_rate_4w", ["metric_time__week"])
    assert_agree(expected, actual, "4-week retention by tenant cohort week")


def test_retention_curve_by_cohort_week_and_week_k(tmp_path: Path) -> None:
    keys = ["metric_time__week", "retention_cohort__weeks_since_cohort"]
    result = run_mf_query(tmp_path, ["retention_rate"], keys)
    expected = mart_values(
        "select cohort_week, weeks_since_cohort, retention_rate from marts.mart_retention_weekly"
    )
    assert_agree(expected, mf_values(result, "retention_rate", keys), "retention rate(k)")


@pytest.fixture(scope="module")
def usage_and_support(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    return run_mf_query(
        tmp_path_factory.mktemp("mf"),
        ["dialogs_per_active_agent", "support_requests"],
        ["metric_time__week", "plan"],
    )


def test_dialogs_per_active_agent_by_week_and_plan(usage_and_support: list[dict[str, str]]) -> None:
    expected = mart_values(
        """
        select activity_week, plan, dialogs_per_active_agent
        from marts.mart_usage_intensity_weekly
        """
    )
    actual = mf_values(usage_and_support, "dialogs_per_active_agent", ["metric_time__week", "plan"])
    assert_agree(expected, actual, "dialogs per active agent")


def test_support_requests_by_week_and_plan(usage_and_support: list[dict[str, str]]) -> None:
    expected = mart_values(
        "select request_week, plan, support_requests from marts.mart_support_load_weekly"
    )
    actual = mf_values(usage_and_support, "support_requests", ["metric_time__week", "plan"])
    assert_agree(expected, actual, "support requests")
