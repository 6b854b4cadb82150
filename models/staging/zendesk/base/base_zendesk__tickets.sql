{#- Every synced row of Zendesk tickets; `subject` is not carried (personal data). -#}
{{ select_raw_columns([source('zendesk', 'tickets')], [
    {'name': 'id', 'alias': 'ticket_id', 'type': 'bigint'},
    {'name': 'requester_id', 'type': 'bigint'},
    {'name': 'organization_id', 'type': 'bigint'},
    {'name': 'status', 'alias': 'ticket_status', 'type': 'string'},
    {'name': 'priority', 'type': 'string'},
    {'name': 'via_channel', 'type': 'string'},
    {'name': '_fivetran_deleted', 'alias': 'is_deleted', 'type': 'boolean'},
    {'name': 'created_at', 'type': 'timestamp'},
    {'name': 'updated_at', 'type': 'timestamp'},
    {'name': '_fivetran_synced', 'alias': 'loaded_at', 'type': 'timestamp'},
]) }}
