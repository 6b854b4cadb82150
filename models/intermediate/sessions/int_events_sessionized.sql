{#-
    One row per browser event (page views and product events captured in the browser; backend
    and runtime events are not visits) with its session. Sessions are built per tool and per
    actor (the resolved user, else the anonymous id): a gap of
    var('session_inactivity_minutes') or more starts a new session, and within one run of
    activity a new session starts every var('session_max_hours') counted from the run's first
    event (fixed blocks, so that no session is longer than the cap without a recursive walk).
-#}
with

events as (

    select * from {{ ref('int_events_identified') }}
    where
        actor_id is not null
        and coalesce(collected_from, 'browser') = 'browser'

),

gaps as (

    select
        *,
        lag(event_at) over (
            partition by source_tool, actor_id
            order by event_at, event_key
        ) as previous_event_at
    from events

),

inactivity_sessions as (

    select
        *,
        sum(
            case
                when previous_event_at is null then 1
                when event_at >= {{ dbt.dateadd(
                    'minute', var('session_inactivity_minutes'), 'previous_event_at') }} then 1
                else 0
            end
        ) over (
            partition by source_tool, actor_id
            order by event_at, event_key
            rows between unbounded preceding and current row
        ) as inactivity_session_number
    from gaps

),

capped as (

    select
        *,
        floor(
            {{ dbt.datediff(
                'min(event_at) over (partition by source_tool, actor_id, inactivity_session_number)',
                'event_at',
                'second'
            ) }} / ({{ var('session_max_hours') }} * 3600)
        ) as cap_number
    from inactivity_sessions

)

select
    {{ dbt.hash(dbt.concat([
        "source_tool", "'|'", "actor_id", "'|'",
        "cast(inactivity_session_number as " ~ dbt.type_string() ~ ")", "'|'",
        "cast(cap_number as " ~ dbt.type_string() ~ ")"
    ])) }} as session_id,
    event_key,
    event_id,
    source_tool,
    event_name,
    actor_id,
    user_id,
    anonymous_id,
    distinct_id,
    tenant_id,
    url,
    page_path,
    event_at,
    min(event_at) over (
        partition by source_tool, actor_id, inactivity_session_number, cap_number
    ) as session_started_at
from capped
