{#- Every raw row of `identifies` across the Segment schemas, typed and renamed;
    not deduplicated. The `name` trait is not carried (personal data); `email` is carried
    only as far as stg_segment__identifies, which keeps nothing but its salted hash. This
    model is ephemeral so that no relation in the warehouse exposes the raw email. -#}
{{ config(materialized='ephemeral') }}
{{ select_raw_columns(
    segment_relations('identifies'),
    segment_common_columns('identify_id') + [
        {'name': 'email', 'type': 'string'},
        {'name': 'plan', 'type': 'string'},
        {'name': 'company_size', 'type': 'string'},
        {'name': 'industry', 'type': 'string'},
    ]
) }}
