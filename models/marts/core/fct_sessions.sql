{#- One row per session (see int_events_sessionized): per tool and per actor, 30 minutes of
    inactivity or 24 hours end a session. -#}
with

session_events as (

    select * from {{ ref('int_events_sessionized') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by session_id
            order by case when event_name = 'page' then 0 else 1 end, event_at, event_key
        ) as entry_rank,
        row_number() over (
            partition by session_id
            order by case when event_name = 'page' then 0 else 1 end, event_at desc, event_key desc
        ) as exit_rank
    from session_events

),

aggregated as (

    select
        session_id,
        min(source_tool) as source_tool,
        min(actor_id) as actor_id,
        max(user_id) as user_id,
        max(tenant_id) as tenant_id,
        max(case when entry_rank = 1 then page_path end) as entry_path,
        max(case when exit_rank = 1 then page_path end) as exit_path,
        count(*) as event_count,
        count(case when event_name = 'page' then 1 end) as page_view_count,
        min(event_at) as started_at,
        max(event_at) as ended_at
    from ranked
    group by session_id

)

select
    session_id,
    source_tool,
    actor_id,
    user_id,
    tenant_id,
    entry_path,
    exit_path,
    event_count,
    page_view_count,
    {{ dbt.datediff('started_at', 'ended_at', 'second') }} as duration_seconds,  -- noqa: LT05
    user_id is not null as is_identified,
    started_at,
    ended_at
from aggregated
