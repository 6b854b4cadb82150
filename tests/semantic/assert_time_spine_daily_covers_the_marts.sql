{#- The time spine must cover every period the semantic layer reports: MetricFlow joins metrics
    to it, and a day outside it would silently drop out of cumulative and offset metrics. -#}
with

spine as (

    select
        min(date_day) as first_day,
        max(date_day) as last_day
    from {{ ref('time_spine_daily') }}

),

periods as (

    select cast(signup_at as date) as period_day from {{ ref('fct_user_activation') }}
    union all
    select cohort_week from {{ ref('mart_retention_weekly') }}
    union all
    select activity_week from {{ ref('mart_usage_intensity_weekly') }}
    union all
    select request_week from {{ ref('mart_support_load_weekly') }}

)

select periods.period_day
from periods
cross join spine
where periods.period_day < spine.first_day or periods.period_day > spine.last_day
