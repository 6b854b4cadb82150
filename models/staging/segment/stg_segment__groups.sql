{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}
with

source as {{ not_materialized() }} (

    select * from {{ ref('base_segment__groups') }} as new_rows
    where {{ incremental_new_rows('new_rows', 'group_call_id', 'received_at') }}

),

deduplicated as (

    {{ deduplicate('source', 'group_call_id', 'received_at, loaded_at, source_schema') }}

),

flagged as (

    select
        group_call_id,
        tenant_id,
        anonymous_id,
        user_id,
        source_schema,
        tenant_name,
        plan,
        industry,
        employees,
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
