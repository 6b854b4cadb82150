{#- Every drained Vercel Web Analytics row, typed and renamed; not deduplicated. The drain
    has no event id: the key hashes the row's content (type, time, project, session, device,
    path, route), so a re-drained row gets the same key. -#}
with

raw_rows as (

{{ select_raw_columns([source('vercel', 'analytics_events')], [
    {'name': 'event_type', 'type': 'string'},
    {'name': 'timestamp', 'alias': 'event_timestamp_ms', 'type': 'bigint'},
    {'name': 'project_id', 'type': 'string'},
    {'name': 'path', 'alias': 'page_path', 'type': 'string'},
    {'name': 'route', 'type': 'string'},
    {'name': 'referrer', 'type': 'string'},
    {'name': 'session_id', 'alias': 'vercel_session_id', 'type': 'string'},
    {'name': 'device_id', 'type': 'string'},
    {'name': 'origin', 'type': 'string'},
    {'name': 'country', 'type': 'string'},
    {'name': 'device_type', 'type': 'string'},
    {'name': 'received_at', 'type': 'timestamp'},
]) }}

)

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
from raw_rows
