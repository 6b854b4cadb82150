{#- One row per dialog (`dialog_id`): its start is its earliest canonical `dialog_started`;
    retried sends of the same dialog are counted once (metrics.md, Dialogs).
    Incremental: the dialogs that received a send since the last run are recomputed from all
    their sends (a late retry with an earlier time moves the start back). -#}
{{ config(
    materialized=upsert_materialization(),
    incremental_strategy='delete+insert',
    unique_key='dialog_id',
    on_schema_change='append_new_columns',
) }}

with

{#- Read twice on an incremental run (the touched dialogs, then their sends): inlined, so that
    each read filters the stream itself instead of keeping every send of history in a copy. #}
dialog_events as {{ not_materialized() }} (

    select * from {{ ref('int_events_unioned') }}
    where
        event_name = 'dialog_started'
        and is_canonical_source
        and dialog_id is not null

),

{% if is_incremental() %}
touched_dialogs as (

    select distinct dialog_id
    from dialog_events
    where source_loaded_at > {{ incremental_since('last_loaded_at') }}

),

{% endif %}
ranked as (

    select
        dialog_events.*,
        row_number() over (
            partition by dialog_events.dialog_id
            order by dialog_events.event_at, dialog_events.event_key
        ) as send_rank,
        count(*) over (partition by dialog_events.dialog_id) as send_count,
        max(dialog_events.source_loaded_at) over (
            partition by dialog_events.dialog_id
        ) as last_loaded_at
    from dialog_events
    {% if is_incremental() %}
    where dialog_events.dialog_id in (select touched_dialogs.dialog_id from touched_dialogs)
    {% endif %}

)

select
    dialog_id,
    agent_id,
    tenant_id,
    channel,
    event_key as first_event_key,
    send_count,
    event_at as started_at,
    last_loaded_at
from ranked
where send_rank = 1
