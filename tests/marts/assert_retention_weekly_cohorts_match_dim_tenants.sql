{#-
    metrics.md, Retention: a tenant's cohort is the week of the first agent_published by any
    user of the tenant. Fails on every cohort week (whose week 0 has ended) where
    cohort_tenants differs from the number of tenants of dim_tenants whose first agent falls
    in that week; a missing cohort fails too.
-#}
with

retention as (

    select * from {{ ref('mart_retention_weekly') }}
    where weeks_since_cohort = 0

),

tenants as (

    select * from {{ ref('dim_tenants') }}
    where first_agent_published_at is not null

),

as_of as (

    select as_of from {{ ref('int_as_of') }}

),

expected as (

    select
        {{ week_start('tenants.first_agent_published_at') }} as cohort_week,
        count(*) as cohort_tenants
    from tenants
    group by {{ week_start('tenants.first_agent_published_at') }}

),

expected_ended as (

    select expected.*
    from expected
    cross join as_of
    where {{ dbt.dateadd('day', 7, 'expected.cohort_week') }} <= as_of.as_of

)

select
    coalesce(expected_ended.cohort_week, retention.cohort_week) as cohort_week,
    expected_ended.cohort_tenants as expected_cohort_tenants,
    retention.cohort_tenants as reported_cohort_tenants
from expected_ended
full outer join retention
    on expected_ended.cohort_week = retention.cohort_week
where
    expected_ended.cohort_tenants is null
    or retention.cohort_tenants is null
    or expected_ended.cohort_tenants != retention.cohort_tenants
