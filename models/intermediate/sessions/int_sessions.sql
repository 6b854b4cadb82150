{#- One row per session (see int_events_sessionized): per tool and per actor, 30 minutes of
    inactivity or 24 hours end a session. Behind the public fct_sessions.
    Incremental: the sessions whose events int_events_sessionized recomputed since this model
    last ran (`sessionized_at`) are replaced by session_id; sessions whose id no longer exists
    there (merged by a late event, or moved to another actor) are deleted after the run. -#}
{{ config(
    materialized=upsert_materialization(),
    incremental_strategy='delete+insert',
    unique_key='session_id',
    on_schema_change='fail',
    post_hook="{% if is_incremental() %}
        delete from {{ this }} where session_id not in (
            select session_id from {{ ref('int_events_sessionized') }}
            where session_id is not null
        )
        {% endif %}",
) }}
with

session_events as (

    {#- On an incremental run, the rows recomputed since this model last ran: whole sessions,
        because a sessionized run rewrites every event of a session it touches. #}
    select * from {{ ref('int_events_sessionized') }}
    {% if is_incremental() %}
    where sessionized_at > {{ incremental_since('sessionized_at', hours_back=0) }}
    {% endif %}

),

aggregated as (

    {#- Entry / exit page: the first / last page view of the session (any event when it has
        none), ties broken by event_key. #}
    select
        session_id,
        min(source_tool) as source_tool,
        min(actor_id) as actor_id,
        max(user_id) as user_id,
        max(tenant_id) as tenant_id,
        {{ value_at_min('page_path', [
            "case when event_name = 'page' then 0 else 1 end", 'event_at', 'event_key']) }}
            as entry_path,
        {{ value_at_max('page_path', [
            "case when event_name = 'page' then 1 else 0 end", 'event_at', 'event_key']) }}
            as exit_path,
        count(*) as event_count,
        count(case when event_name = 'page' then 1 end) as page_view_count,
        min(event_at) as started_at,
        max(event_at) as ended_at,
        max(sessionized_at) as sessionized_at
    from session_events
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
    ended_at,
    sessionized_at
from aggregated
