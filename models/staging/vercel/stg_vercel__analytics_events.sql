{#- One row per distinct drained Vercel event. The drain has no event id: a row re-drained
    with the same content (type, time, project, session, device, path, route) is a duplicate;
    the first received is kept. -#}
with

source as (

    select * from {{ ref('base_vercel__analytics_events') }}

),

keyed as (

    select
        {{ dbt.hash(dbt.concat([
            "coalesce(event_type, '')", "'|'",
            "coalesce(cast(event_timestamp_ms as " ~ dbt.type_string() ~ "), '')", "'|'",
            "coalesce(project_id, '')", "'|'",
            "coalesce(vercel_session_id, '')", "'|'",
            "coalesce(device_id, '')", "'|'",
            "coalesce(page_path, '')", "'|'",
            "coalesce(route, '')"
        ])) }} as vercel_event_id,
        *
    from source

),

deduplicated as (

    {{ deduplicate('keyed', 'vercel_event_id', 'received_at') }}

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
