{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}
with

source as {{ not_materialized() }} (

    select * from {{ ref('base_segment__identifies') }} as new_rows
    where {{ incremental_new_rows('new_rows', 'identify_id', 'received_at') }}

),

deduplicated as (

    {{ deduplicate('source', 'identify_id', 'received_at, loaded_at, source_schema') }}

),

flagged as (

    select
        identify_id,
        anonymous_id,
        user_id,
        {{ pii_hash('email') }} as email_hash,
        source_schema,
        library_name,
        plan,
        company_size,
        industry,
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
