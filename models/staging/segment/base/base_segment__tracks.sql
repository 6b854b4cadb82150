{#- Every raw row of `tracks` across the Segment schemas, typed and renamed;
    not deduplicated. -#}
{{ select_raw_columns(
    segment_relations('tracks'),
    segment_common_columns('event_id') + [
        {'name': 'event', 'alias': 'event_name', 'type': 'string'},
        {'name': 'event_text', 'type': 'string'},
    ]
) }}
