{#- Every synced row of Zendesk users; email and name are not carried (personal data). -#}
{{ select_raw_columns([source('zendesk', 'users')], [
    {'name': 'id', 'alias': 'zendesk_user_id', 'type': 'bigint'},
    {'name': 'external_id', 'alias': 'user_id', 'type': 'string'},
    {'name': '_fivetran_deleted', 'alias': 'is_deleted', 'type': 'boolean'},
    {'name': 'created_at', 'type': 'timestamp'},
    {'name': 'updated_at', 'type': 'timestamp'},
    {'name': '_fivetran_synced', 'alias': 'loaded_at', 'type': 'timestamp'},
]) }}
