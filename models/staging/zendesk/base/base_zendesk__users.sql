{#- Every synced row of Zendesk users. `name` is not carried (personal data); `email` is
    carried only as far as stg_zendesk__users, which keeps nothing but its salted hash. This
    model is ephemeral so that no relation in the warehouse exposes the raw email. -#}
{{ config(materialized='ephemeral') }}
{{ select_raw_columns([source('zendesk', 'users')], [
    {'name': 'id', 'alias': 'zendesk_user_id', 'type': 'bigint'},
    {'name': 'external_id', 'alias': 'user_id', 'type': 'string'},
    {'name': 'email', 'type': 'string'},
    {'name': '_fivetran_deleted', 'alias': 'is_deleted', 'type': 'boolean'},
    {'name': 'created_at', 'type': 'timestamp'},
    {'name': 'updated_at', 'type': 'timestamp'},
    {'name': '_fivetran_synced', 'alias': 'loaded_at', 'type': 'timestamp'},
]) }}
