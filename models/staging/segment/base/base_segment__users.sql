{#- Every raw row of the optional Segment `users` table (latest traits per user), typed and
    renamed; not deduplicated. Personal traits (email, name) are not carried. -#}
{{ select_raw_columns(segment_relations('users'), [
    {'name': 'id', 'alias': 'user_id', 'type': 'string'},
    {'name': 'plan', 'type': 'string'},
    {'name': 'company_size', 'type': 'string'},
    {'name': 'industry', 'type': 'string'},
    {'name': 'received_at', 'type': 'timestamp'},
    {'name': 'uuid_ts', 'alias': 'loaded_at', 'type': 'timestamp'},
]) }}
