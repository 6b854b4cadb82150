{#- The staged raw tables with their dedupe keys: the single list the quarantine and
    reconciliation models iterate over. with_quarantine=true keeps only the event tables
    whose staging flags tracking-plan violations (`quarantine_reason`). -#}
{% macro staged_tables(with_quarantine=false) -%}
    {%- set tables = [] -%}
    {%- for table in staged_event_tables() -%}
        {%- do tables.append(table) -%}
    {%- endfor -%}
    {%- if not with_quarantine -%}
        {%- for table in [
            {'source_system': 'segment', 'source_table': 'users', 'model': 'stg_segment__users', 'key': 'user_id', 'loaded_at': 'received_at'},
            {'source_system': 'posthog', 'source_table': 'persons', 'model': 'stg_posthog__persons', 'key': 'person_distinct_id_key', 'loaded_at': 'loaded_at'},
            {'source_system': 'zendesk', 'source_table': 'tickets', 'model': 'stg_zendesk__tickets', 'key': 'ticket_id', 'loaded_at': 'loaded_at'},
            {'source_system': 'zendesk', 'source_table': 'users', 'model': 'stg_zendesk__users', 'key': 'zendesk_user_id', 'loaded_at': 'loaded_at'},
        ] -%}
            {%- do tables.append(table) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(tables) }}
{%- endmacro %}


{% macro staged_event_tables() -%}
    {{ return([
        {'source_system': 'segment', 'source_table': 'pages', 'model': 'stg_segment__pages', 'key': 'page_view_id', 'event': "'page'", 'received_at': 'received_at', 'loaded_at': 'received_at'},
        {'source_system': 'segment', 'source_table': 'tracks', 'model': 'stg_segment__tracks', 'key': 'event_id', 'event': 'event_name', 'received_at': 'received_at', 'loaded_at': 'received_at'},
        {'source_system': 'segment', 'source_table': 'identifies', 'model': 'stg_segment__identifies', 'key': 'identify_id', 'event': "'identify'", 'received_at': 'received_at', 'loaded_at': 'received_at'},
        {'source_system': 'segment', 'source_table': 'groups', 'model': 'stg_segment__groups', 'key': 'group_call_id', 'event': "'group'", 'received_at': 'received_at', 'loaded_at': 'received_at'},
        {'source_system': 'segment', 'source_table': 'signup_completed', 'model': 'stg_segment__signup_completed', 'key': 'event_id', 'event': 'event_name', 'received_at': 'received_at', 'loaded_at': 'received_at'},
        {'source_system': 'segment', 'source_table': 'onboarding_completed', 'model': 'stg_segment__onboarding_completed', 'key': 'event_id', 'event': 'event_name', 'received_at': 'received_at', 'loaded_at': 'received_at'},
        {'source_system': 'segment', 'source_table': 'agent_published', 'model': 'stg_segment__agent_published', 'key': 'event_id', 'event': 'event_name', 'received_at': 'received_at', 'loaded_at': 'received_at'},
        {'source_system': 'segment', 'source_table': 'knowledge_uploaded', 'model': 'stg_segment__knowledge_uploaded', 'key': 'event_id', 'event': 'event_name', 'received_at': 'received_at', 'loaded_at': 'received_at'},
        {'source_system': 'segment', 'source_table': 'integration_connected', 'model': 'stg_segment__integration_connected', 'key': 'event_id', 'event': 'event_name', 'received_at': 'received_at', 'loaded_at': 'received_at'},
        {'source_system': 'segment', 'source_table': 'support_request_created', 'model': 'stg_segment__support_request_created', 'key': 'event_id', 'event': 'event_name', 'received_at': 'received_at', 'loaded_at': 'received_at'},
        {'source_system': 'posthog', 'source_table': 'events', 'model': 'stg_posthog__events', 'key': 'event_id', 'event': 'event_name', 'received_at': 'ingested_at', 'loaded_at': 'loaded_at'},
        {'source_system': 'vercel', 'source_table': 'analytics_events', 'model': 'stg_vercel__analytics_events', 'key': 'vercel_event_id', 'event': 'event_type', 'received_at': 'received_at', 'loaded_at': 'received_at', 'key_part': 'event_timestamp_ms'},
    ]) }}
{%- endmacro %}


{#- The SQL condition selecting one staged table's rows in a model that holds several tables'
    rows by source_system and source_table (int_source_rows_by_load_day,
    int_staged_rows_by_load_day). -#}
{% macro source_table_condition(table) -%}
    source_system = '{{ table.source_system }}' and source_table = '{{ table.source_table }}'
{%- endmacro %}


{#- On an incremental run of a per-load-day model (one row per staged table and load day,
    watermark column `last_loaded_at`): the first load day to recompute for `table`, the day
    of that table's own watermark. -#}
{% macro load_day_recompute_from(table) -%}
    cast({{ incremental_since('last_loaded_at', where=source_table_condition(table)) }} as date)
{%- endmacro %}


{#- The key of a per-load-day row: `<source_system>|<source_table>|<load day>`, `none` for
    rows without a load time. -#}
{% macro load_day_key(source_system, source_table, load_day) -%}
    {{ dbt.concat([
        source_system, "'|'", source_table, "'|'",
        "coalesce(cast(" ~ load_day ~ " as " ~ dbt.type_string() ~ "), 'none')"
    ]) }}
{%- endmacro %}
