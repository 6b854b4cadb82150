{#- One row per signup cohort week × plan × company_size × industry that has signups:
    signups, users activated within 7 days and the rate. A cohort week is complete when every
    signup it could hold is mature (cohort_week + 14 days <= as_of); read rates of incomplete
    weeks as provisional. -#}
with

activation as (

    select * from {{ ref('fct_user_activation') }}

),

as_of as (

    select as_of from {{ ref('int_as_of') }}

),

aggregated as (

    select
        cohort_week,
        plan,
        company_size,
        industry,
        count(*) as signups,
        count(case when is_activated_7d then 1 end) as activated_users,
        count(case when is_mature then 1 end) as mature_signups
    from activation
    group by cohort_week, plan, company_size, industry

)

select
    aggregated.cohort_week,
    aggregated.plan,
    aggregated.company_size,
    aggregated.industry,
    aggregated.signups,
    aggregated.activated_users,
    aggregated.mature_signups,
    cast(aggregated.activated_users as {{ type_double() }}) / aggregated.signups
        as activation_rate,
    {{ dbt.dateadd('day', 14, 'aggregated.cohort_week') }} <= as_of.as_of as is_complete
from aggregated
cross join as_of
