{#- Every raw row of `support_request_created` across the Segment schemas, typed and renamed;
    not deduplicated. -#}
{{ select_raw_columns(
    segment_relations('support_request_created'),
    segment_common_columns('event_id') + [
        {'name': 'event', 'alias': 'event_name', 'type': 'string'},
        {'name': 'event_text', 'type': 'string'},
        {'name': ['tenant_id', 'workspace_id'], 'alias': 'tenant_id', 'type': 'string'},
        {'name': 'ticket_id', 'type': 'string'},
        {'name': 'channel', 'type': 'string'},
    ]
) }}
