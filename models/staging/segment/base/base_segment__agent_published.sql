{#- Every raw row of `agent_published` across the Segment schemas, typed and renamed;
    not deduplicated. -#}
{{ select_raw_columns(
    segment_relations('agent_published'),
    segment_common_columns('event_id') + [
        {'name': 'event', 'alias': 'event_name', 'type': 'string'},
        {'name': 'event_text', 'type': 'string'},
        {'name': ['tenant_id', 'workspace_id'], 'alias': 'tenant_id', 'type': 'string'},
        {'name': 'agent_id', 'type': 'string'},
        {'name': 'channel', 'type': 'string'},
        {'name': 'llm_model', 'type': 'string'},
        {'name': 'knowledge_items', 'type': 'bigint'},
    ]
) }}
