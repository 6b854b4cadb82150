{#- One row per signup cohort week × plan: signed-up users, those who published an agent (at
    or after signup) and the mean, median and 90th percentile (linear interpolation) of the
    hours from signup to their first agent. -#}
with

activation as (

    select * from {{ ref('fct_user_activation') }}

)

select
    cohort_week,
    plan,
    count(*) as signups,
    count(case when has_agent then 1 end) as users_with_agent,
    avg(hours_to_first_agent) as avg_hours_to_first_agent,
    {{ percentile_cont('hours_to_first_agent', 0.5) }} as median_hours_to_first_agent,
    {{ percentile_cont('hours_to_first_agent', 0.9) }} as p90_hours_to_first_agent
from activation
group by cohort_week, plan
