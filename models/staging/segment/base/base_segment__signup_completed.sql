{#- Every raw row of `signup_completed` across the Segment schemas, typed and renamed;
    not deduplicated. -#}
{{ select_raw_columns(
    segment_relations('signup_completed'),
    segment_common_columns('event_id') + [
        {'name': 'event', 'alias': 'event_name', 'type': 'string'},
        {'name': 'event_text', 'type': 'string'},
        {'name': ['workspace_id', 'tenant_id'], 'alias': 'tenant_id', 'type': 'string'},
        {'name': 'plan', 'type': 'string'},
        {'name': 'source', 'alias': 'signup_source', 'type': 'string'},
    ]
) }}
