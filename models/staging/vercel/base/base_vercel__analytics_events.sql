{#- Every drained Vercel Web Analytics row, typed and renamed; not deduplicated. -#}
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
