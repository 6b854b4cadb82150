{#- Every raw row of `groups` across the Segment schemas, typed and renamed;
    not deduplicated. -#}
{{ select_raw_columns(
    segment_relations('groups'),
    segment_common_columns('group_call_id') + [
        {'name': 'group_id', 'alias': 'tenant_id', 'type': 'string'},
        {'name': 'name', 'alias': 'tenant_name', 'type': 'string'},
        {'name': 'plan', 'type': 'string'},
        {'name': 'industry', 'type': 'string'},
        {'name': 'employees', 'type': 'bigint'},
    ]
) }}
