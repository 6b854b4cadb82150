{#- One row per raised alert (metrics.md), thresholds from vars:
    - activation_below_threshold: overall activation rate of the latest complete cohort week
      below var('activation_rate_alert_threshold'); period_start = that week;
    - support_request_spike: a day with at least var('support_spike_min_requests') requests and
      more than mean + var('support_spike_stddevs') sample standard deviations of the
      var('support_spike_baseline_days') days before it (days without requests count as 0),
      evaluated from the 29th day of the series that starts on the first request's day;
      threshold = that bound;
    - pageview_deviation: each flagged day of mart_pageviews_reconciliation_daily. -#}
{%- set baseline_days = var('support_spike_baseline_days') -%}

with

activation as (

    select * from {{ ref('mart_activation_weekly') }}

),

requests as (

    select * from {{ ref('int_support_requests_unified') }}
    where requested_at is not null

),

page_views as (

    select * from {{ ref('mart_pageviews_reconciliation_daily') }}

),

numbers as (

    select * from {{ ref('util_numbers') }}

),

as_of as (

    select as_of from {{ ref('int_as_of') }}

),

complete_weeks as (

    select
        cohort_week,
        cast(sum(activated_users) as {{ type_double() }}) / sum(signups) as activation_rate
    from activation
    where is_complete
    group by cohort_week

),

latest_complete_week as (

    select
        cohort_week,
        activation_rate,
        row_number() over (order by cohort_week desc) as week_rank
    from complete_weeks

),

activation_alerts as (

    select
        'activation_below_threshold' as alert_type,
        cohort_week as period_start,
        activation_rate as metric_value,
        {{ var('activation_rate_alert_threshold') }} as threshold
    from latest_complete_week
    where
        week_rank = 1
        and activation_rate < {{ var('activation_rate_alert_threshold') }}

),

request_days as (

    select
        cast(requested_at as date) as request_date,
        count(*) as support_requests
    from requests
    group by cast(requested_at as date)

),

day_bounds as (

    select
        min(request_days.request_date) as first_date,
        max(request_days.request_date) as last_request_date,
        max(cast(as_of.as_of as date)) as as_of_date
    from request_days
    cross join as_of

),

day_spine as (

    select
        cast({{ dbt.dateadd('day', 'numbers.number_value', 'day_bounds.first_date') }} as date)
            as request_date,
        numbers.number_value as day_number
    from day_bounds
    inner join numbers
        on
            {{ dbt.dateadd('day', 'numbers.number_value', 'day_bounds.first_date') }}
            <= greatest(day_bounds.last_request_date, day_bounds.as_of_date)

),

daily as (

    select
        day_spine.request_date,
        day_spine.day_number,
        coalesce(request_days.support_requests, 0) as support_requests
    from day_spine
    left join request_days
        on day_spine.request_date = request_days.request_date

),

baselines as (

    select
        *,
        avg(support_requests) over (
            order by request_date
            rows between {{ baseline_days }} preceding and 1 preceding
        ) as baseline_mean,
        stddev_samp(support_requests) over (
            order by request_date
            rows between {{ baseline_days }} preceding and 1 preceding
        ) as baseline_stddev
    from daily

),

spike_alerts as (

    select
        'support_request_spike' as alert_type,
        request_date as period_start,
        cast(support_requests as {{ type_double() }}) as metric_value,
        baseline_mean + {{ var('support_spike_stddevs') }} * baseline_stddev as threshold
    from baselines
    where
        day_number >= {{ baseline_days }}
        and support_requests >= {{ var('support_spike_min_requests') }}
        and support_requests
        > baseline_mean + {{ var('support_spike_stddevs') }} * baseline_stddev

),

pageview_alerts as (

    select
        'pageview_deviation' as alert_type,
        date_day as period_start,
        posthog_vs_vercel_deviation as metric_value,
        {{ var('pageview_deviation_threshold') }} as threshold
    from page_views
    where is_flagged

),

alerts as (

    select * from activation_alerts
    union all
    select * from spike_alerts
    union all
    select * from pageview_alerts

)

select
    {{ dbt.concat(["alert_type", "':'", "cast(period_start as " ~ dbt.type_string() ~ ")"]) }}
        as alert_id,
    alert_type,
    cast(period_start as date) as period_start,
    cast(metric_value as {{ type_double() }}) as metric_value,
    cast(threshold as {{ type_double() }}) as threshold
from alerts
