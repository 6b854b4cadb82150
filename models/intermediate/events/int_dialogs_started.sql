{#- One row per dialog (`dialog_id`): its start is its earliest canonical `dialog_started`;
    retried sends of the same dialog are counted once (metrics.md, Dialogs). -#}
with

dialog_events as (

    select * from {{ ref('int_events_unioned') }}
    where
        event_name = 'dialog_started'
        and is_canonical_source
        and dialog_id is not null

),

ranked as (

    select
        *,
        row_number() over (partition by dialog_id order by event_at, event_key) as send_rank,
        count(*) over (partition by dialog_id) as send_count
    from dialog_events

)

select
    dialog_id,
    agent_id,
    tenant_id,
    channel,
    event_key as first_event_key,
    send_count,
    event_at as started_at
from ranked
where send_rank = 1
