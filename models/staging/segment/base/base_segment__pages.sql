{#- Every raw row of `pages` across the Segment schemas, typed and renamed;
    not deduplicated. -#}
{{ select_raw_columns(
    segment_relations('pages'),
    segment_common_columns('page_view_id') + [
        {'name': 'name', 'alias': 'page_name', 'type': 'string'},
        {'name': 'path', 'alias': 'page_path', 'type': 'string'},
        {'name': 'url', 'alias': 'page_url', 'type': 'string'},
        {'name': 'referrer', 'type': 'string'},
        {'name': 'title', 'alias': 'page_title', 'type': 'string'},
    ]
) }}
