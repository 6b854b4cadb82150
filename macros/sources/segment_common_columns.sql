{#- Columns every Segment call table has (raw-data-contract.md), renamed to house style.
    Personal data (`context_ip`) is not carried past the raw layer. -#}
{% macro segment_common_columns(id_alias='event_id') -%}
    {{ return([
        {'name': 'id', 'alias': id_alias, 'type': 'string'},
        {'name': 'anonymous_id', 'type': 'string'},
        {'name': 'user_id', 'type': 'string'},
        {'name': 'context_library_name', 'alias': 'library_name', 'type': 'string'},
        {'name': 'context_page_path', 'alias': 'context_page_path', 'type': 'string'},
        {'name': 'context_page_url', 'alias': 'context_page_url', 'type': 'string'},
        {'name': 'context_user_agent', 'alias': 'user_agent', 'type': 'string'},
        {'name': 'timestamp', 'alias': 'event_at', 'type': 'timestamp'},
        {'name': 'original_timestamp', 'alias': 'client_event_at', 'type': 'timestamp'},
        {'name': 'sent_at', 'type': 'timestamp'},
        {'name': 'received_at', 'type': 'timestamp'},
        {'name': 'uuid_ts', 'alias': 'loaded_at', 'type': 'timestamp'},
    ]) }}
{%- endmacro %}
