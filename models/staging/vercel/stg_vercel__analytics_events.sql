{#- One row per distinct drained Vercel event (content key from the base model); the first
    received copy is kept. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}

with

source as {{ not_materialized() }} (

    select * from {{ ref('base_vercel__analytics_events') }} as new_rows
    where {{ incremental_new_rows('new_rows', 'vercel_event_id', 'received_at') }}

),

deduplicated as (

    {{ deduplicate('source', 'vercel_event_id', 'received_at') }}

)

select
    vercel_event_id,
    event_type,
    project_id,
    page_path,
    route,
    referrer,
    vercel_session_id,
    device_id,
    origin,
    country,
    device_type,
    case when event_timestamp_ms is null then 'missing_timestamp' end as quarantine_reason,
    {{ epoch_ms_to_timestamp('event_timestamp_ms') }} as event_at,
    received_at
from deduplicated
{{ cluster_by_load_time('received_at') }}
