{#- One row per user with a signup: their first canonical (Segment) `signup_completed`, which
    fixes signup_at, the user's tenant (the signup's workspace), plan and signup source. -#}
with

signups as (

    select * from {{ ref('int_events_milestones_identified') }}
    where
        {{ milestone_filter(['signup_completed']) }}
        and is_canonical_source
        and user_id is not null

),

ranked as (

    select
        *,
        row_number() over (partition by user_id order by event_at, event_key) as signup_rank
    from signups

)

select
    user_id,
    event_key as signup_event_key,
    tenant_id,
    plan,
    signup_source,
    event_at as signup_at
from ranked
where signup_rank = 1
