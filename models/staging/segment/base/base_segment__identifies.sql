{#- Every raw row of `identifies` across the Segment schemas, typed and renamed;
    not deduplicated. -#}
{{ select_raw_columns(
    segment_relations('identifies'),
    segment_common_columns('identify_id') + [
        {'name': 'plan', 'type': 'string'},
        {'name': 'company_size', 'type': 'string'},
        {'name': 'industry', 'type': 'string'},
    ]
) }}
