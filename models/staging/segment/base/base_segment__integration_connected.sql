{#- Every raw row of `integration_connected` across the Segment schemas, typed and renamed;
    not deduplicated. -#}
{{ select_raw_columns(
    segment_relations('integration_connected'),
    segment_common_columns('event_id') + [
        {'name': 'event', 'alias': 'event_name', 'type': 'string'},
        {'name': 'event_text', 'type': 'string'},
        {'name': ['tenant_id', 'workspace_id'], 'alias': 'tenant_id', 'type': 'string'},
        {'name': 'integration', 'type': 'string'},
        {'name': 'status', 'alias': 'integration_status', 'type': 'string'},
    ]
) }}
