with

source as (

    select * from {{ ref('base_segment__groups') }}

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
