{#- Every track call (deduplicated). Properties live in the per-event tables; the event
    stream reads this model only for messages that have no per-event row. Tracks rows are
    quarantined only for their time: properties are checked on the per-event tables. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}

with

source as {{ not_materialized() }} (

    select * from {{ ref('base_segment__tracks') }} as new_rows
    where {{ incremental_new_rows('new_rows', 'event_id', 'received_at') }}

),

deduplicated as (

    {{ deduplicate('source', 'event_id', 'received_at, loaded_at, source_schema') }}

),

flagged as (

    select
        event_id,
        anonymous_id,
        user_id,
        event_name,
        event_text,
        source_schema,
        library_name,
        context_page_path,
        context_page_url,
        {{ plan_violation_reason('event_at', 'received_at', 'null', []) | indent(8) }}
            as quarantine_reason,
        event_at,
        client_event_at,
        sent_at,
        received_at,
        loaded_at
    from deduplicated

)

select * from flagged
{{ cluster_by_load_time('received_at') }}
