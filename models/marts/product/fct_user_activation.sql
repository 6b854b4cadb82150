{#- One row per signed-up user: activation within 7 days and time to first agent
    (metrics.md). Segment values missing on the user are 'unknown' so that every mart that
    cuts by them adds up to this fact. -#}
with

users as (

    select * from {{ ref('dim_users') }}
    where has_signup

),

as_of as (

    select as_of from {{ ref('int_as_of') }}

),

milestones as (

    select * from {{ ref('int_events_milestones_identified') }}
    where
        is_canonical_source
        and {{ milestone_filter(['onboarding_completed', 'agent_published']) }}
        and user_id is not null

),

firsts as (

    select
        users.user_id,
        min(case when milestones.event_name = 'onboarding_completed' then milestones.event_at end)
            as onboarding_completed_at,
        min(case when milestones.event_name = 'agent_published' then milestones.event_at end)
            as first_agent_published_at
    from users
    left join milestones
        on
            users.user_id = milestones.user_id
            and users.signup_at <= milestones.event_at
    group by users.user_id

)

select
    users.user_id,
    users.tenant_id,
    coalesce(users.plan, 'unknown') as plan,
    coalesce(users.company_size, 'unknown') as company_size,
    coalesce(users.industry, 'unknown') as industry,
    coalesce(users.signup_source, 'unknown') as signup_source,
    {{ seconds_between('users.signup_at', 'firsts.first_agent_published_at') }} / 3600.0
        as hours_to_first_agent,
    coalesce(
        firsts.onboarding_completed_at
        <= {{ dbt.dateadd('hour', var('activation_window_hours'), 'users.signup_at') }},
        false
    ) as is_activated_7d,
    {{ dbt.dateadd('hour', var('activation_window_hours'), 'users.signup_at') }} <= as_of.as_of
        as is_mature,
    firsts.first_agent_published_at is not null as has_agent,
    {{ week_start('users.signup_at') }} as cohort_week,
    users.signup_at,
    firsts.onboarding_completed_at,
    firsts.first_agent_published_at
from users
inner join firsts
    on users.user_id = firsts.user_id
cross join as_of
