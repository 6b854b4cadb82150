{#- Every raw row of `onboarding_completed` across the Segment schemas, typed and renamed;
    not deduplicated. -#}
{{ select_raw_columns(
    segment_relations('onboarding_completed'),
    segment_common_columns('event_id') + [
        {'name': 'event', 'alias': 'event_name', 'type': 'string'},
        {'name': 'event_text', 'type': 'string'},
        {'name': ['tenant_id', 'workspace_id'], 'alias': 'tenant_id', 'type': 'string'},
        {'name': 'duration_minutes', 'type': 'double'},
        {'name': 'touchpoints', 'type': 'bigint'},
    ]
) }}
