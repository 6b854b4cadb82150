{#- Every raw row of the PostHog events export, typed and renamed; not deduplicated.
    person_properties and elements_chain are not carried (personal data, autocapture noise). -#}
{{ select_raw_columns([source('posthog', 'events')], [
    {'name': 'uuid', 'alias': 'event_id', 'type': 'string'},
    {'name': 'event', 'alias': 'event_name', 'type': 'string'},
    {'name': 'distinct_id', 'type': 'string'},
    {'name': 'person_id', 'alias': 'ingestion_person_id', 'type': 'string'},
    {'name': 'properties', 'type': 'string'},
    {'name': 'timestamp', 'alias': 'event_at', 'type': 'timestamp'},
    {'name': 'created_at', 'alias': 'ingested_at', 'type': 'timestamp'},
    {'name': '_inserted_at', 'alias': 'loaded_at', 'type': 'timestamp'},
]) }}
