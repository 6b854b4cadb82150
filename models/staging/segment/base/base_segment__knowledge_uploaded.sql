{#- Every raw row of `knowledge_uploaded` across the Segment schemas, typed and renamed;
    not deduplicated. -#}
{{ select_raw_columns(
    segment_relations('knowledge_uploaded'),
    segment_common_columns('event_id') + [
        {'name': 'event', 'alias': 'event_name', 'type': 'string'},
        {'name': 'event_text', 'type': 'string'},
        {'name': ['tenant_id', 'workspace_id'], 'alias': 'tenant_id', 'type': 'string'},
        {'name': 'type', 'alias': 'knowledge_type', 'type': 'string'},
        {'name': 'size_kb', 'type': 'double'},
        {'name': 'chunk_count', 'type': 'bigint'},
    ]
) }}
