{#- One row per tenant cohort week × weeks since cohort (k = 0, 1, …): the tenants whose first
    agent was published in the cohort week and those of them with at least one dialog started
    in calendar week k of the cohort. Only weeks that have ended by as_of are reported. -#}
{%- set week_after_end = dbt.dateadd(
    'day', '7 * (offsets.weeks_since_cohort + 1)', 'cohorts.cohort_week') -%}

with

tenants as (

    select * from {{ ref('dim_tenants') }}
    where first_agent_published_at is not null

),

dialogs as (

    select * from {{ ref('int_dialogs_started') }}

),

as_of as (

    select as_of from {{ ref('int_as_of') }}

),

cohorts as (

    select
        tenant_id,
        {{ week_start('first_agent_published_at') }} as cohort_week
    from tenants

),

bounds as (

    select min(cohort_week) as first_cohort_week
    from cohorts

),

{# Only as many week offsets as the oldest cohort can have: a join of every cohort with the
   whole number spine is a cross product of millions of rows. #}
offsets as (

    select numbers.number_value as weeks_since_cohort
    from {{ ref('util_numbers') }} as numbers
    cross join as_of
    cross join bounds
    where
        numbers.number_value * 7
        <= {{ dbt.datediff('bounds.first_cohort_week', 'as_of.as_of', 'day') | trim }}

),

tenant_active_weeks as (

    select distinct
        tenant_id,
        {{ week_start('started_at') }} as activity_week
    from dialogs
    where tenant_id is not null

),

tenant_weeks as (

    select
        cohorts.tenant_id,
        cohorts.cohort_week,
        offsets.weeks_since_cohort,
        {{ dbt.dateadd('day', '7 * offsets.weeks_since_cohort', 'cohorts.cohort_week') }}
            as activity_week
    from cohorts
    cross join as_of
    inner join offsets
        on as_of.as_of >= {{ week_after_end | trim }}

),

flagged as (

    select
        tenant_weeks.cohort_week,
        tenant_weeks.weeks_since_cohort,
        tenant_weeks.tenant_id,
        tenant_active_weeks.tenant_id is not null as is_active
    from tenant_weeks
    left join tenant_active_weeks
        on
            tenant_weeks.tenant_id = tenant_active_weeks.tenant_id
            and cast(tenant_weeks.activity_week as date) = tenant_active_weeks.activity_week

),

aggregated as (

    select
        cohort_week,
        weeks_since_cohort,
        count(*) as cohort_tenants,
        count(case when is_active then 1 end) as active_tenants
    from flagged
    group by cohort_week, weeks_since_cohort

)

select
    cohort_week,
    weeks_since_cohort,
    cohort_tenants,
    active_tenants,
    cast(active_tenants as {{ type_double() }}) / cohort_tenants as retention_rate
from aggregated
