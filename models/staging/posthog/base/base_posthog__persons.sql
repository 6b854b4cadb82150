{#- Every raw row of the PostHog persons export; person properties (email) are not carried. -#}
{{ select_raw_columns([source('posthog', 'persons')], [
    {'name': 'team_id', 'type': 'bigint'},
    {'name': 'distinct_id', 'type': 'string'},
    {'name': 'person_id', 'type': 'string'},
    {'name': 'person_distinct_id_version', 'type': 'bigint'},
    {'name': 'person_version', 'type': 'bigint'},
    {'name': 'is_deleted', 'type': 'boolean'},
    {'name': 'created_at', 'type': 'timestamp'},
    {'name': '_inserted_at', 'alias': 'loaded_at', 'type': 'timestamp'},
]) }}
