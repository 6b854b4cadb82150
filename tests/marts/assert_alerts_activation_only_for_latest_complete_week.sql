{#-
    metrics.md, Alerts: activation_below_threshold is raised when the overall activation rate
    of the latest complete cohort week is below var('activation_rate_alert_threshold'), with
    period_start = that week, and for no other week. Fails with the expected and the raised
    alert side by side whenever they differ (a missing, an extra or a wrong alert).
-#}
{%- set threshold = var('activation_rate_alert_threshold') -%}

with

activation as (

    select * from {{ ref('mart_activation_weekly') }}

),

alerts as (

    select * from {{ ref('mart_alerts') }}
    where alert_type = 'activation_below_threshold'

),

latest_complete_week as (

    select
        cohort_week,
        sum(activated_users) * 1.0 / sum(signups) as activation_rate
    from activation
    where cohort_week = (select max(cohort_week) from activation where is_complete)
    group by cohort_week

),

expected as (

    select
        cohort_week as period_start,
        activation_rate as metric_value
    from latest_complete_week
    where activation_rate < {{ threshold }}

)

select
    expected.period_start as expected_period_start,
    expected.metric_value as expected_metric_value,
    alerts.period_start as alert_period_start,
    alerts.metric_value as alert_metric_value,
    alerts.threshold as alert_threshold
from expected
full outer join alerts
    on expected.period_start = alerts.period_start
where
    expected.period_start is null
    or alerts.period_start is null
    or abs(expected.metric_value - alerts.metric_value) > 0.000001
    or alerts.threshold != cast({{ threshold }} as {{ dbt.type_float() }})
