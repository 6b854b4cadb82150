{#-
    metrics.md, Retention: "Only weeks that have ended by as_of are reported", and a mart row
    exists for every combination that has data. Fails on every row of a week that has not
    ended yet (cohort_week + 7·(k + 1) days > as_of), and on every cohort whose rows do not
    run from k = 0 without gaps up to its last ended week, or whose cohort size changes
    between rows.
-#}
with

retention as (

    select * from {{ ref('mart_retention_weekly') }}

),

as_of as (

    select as_of from {{ ref('int_as_of') }}

),

not_ended as (

    select
        retention.cohort_week,
        retention.weeks_since_cohort,
        'week has not ended by as_of' as failure
    from retention
    cross join as_of
    where
        {{ dbt.dateadd('day', '7 * (retention.weeks_since_cohort + 1)', 'retention.cohort_week') }}
        > as_of.as_of

),

cohorts as (

    select
        cohort_week,
        min(weeks_since_cohort) as first_week,
        max(weeks_since_cohort) as last_week,
        count(*) as reported_weeks,
        count(distinct cohort_tenants) as cohort_sizes
    from retention
    group by cohort_week

),

incomplete_cohorts as (

    select
        cohorts.cohort_week,
        cohorts.last_week as weeks_since_cohort,
        case
            when cohorts.first_week != 0 then 'cohort does not start at k = 0'
            when cohorts.reported_weeks != cohorts.last_week + 1 then 'cohort has a gap'
            when cohorts.cohort_sizes != 1 then 'cohort_tenants differs between rows'
            else 'the week after the last reported one has ended too'
        end as failure
    from cohorts
    cross join as_of
    where
        cohorts.first_week != 0
        or cohorts.reported_weeks != cohorts.last_week + 1
        or cohorts.cohort_sizes != 1
        or {{ dbt.dateadd('day', '7 * (cohorts.last_week + 2)', 'cohorts.cohort_week') }}
        <= as_of.as_of

)

select * from not_ended
union all
select * from incomplete_cohorts
