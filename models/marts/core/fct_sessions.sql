{#- One row per session (see int_events_sessionized): per tool and per actor, 30 minutes of
    inactivity or 24 hours end a session. A view of the incremental int_sessions without its
    run bookkeeping. -#}
{{ config(materialized='view') }}

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
    duration_seconds,
    is_identified,
    started_at,
    ended_at
from {{ ref('int_sessions') }}
