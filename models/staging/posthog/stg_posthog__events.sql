{#- One row per PostHog event uuid (the first export by _inserted_at), JSON properties parsed
    into typed, unified columns, with `quarantine_reason` for tracking-plan violations. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}

{%- set property_columns = ['url'] + (event_property_types().keys() | list) -%}
{#- Every property the model reads, extracted together (one JSON parse per row on DuckDB). -#}
{%- set property_texts = json_extract_texts('properties_json', {
    '$session_id': ['$session_id'],
    '$anon_distinct_id': ['$anon_distinct_id'],
    '$current_url': ['$current_url'],
    '$pathname': ['$pathname'],
    'tenant_id': ['tenant_id'],
    'workspace_id': ['workspace_id'],
    '$groups.tenant': ['$groups', 'tenant'],
    'plan': ['plan'],
    'source': ['source'],
    'agent_id': ['agent_id'],
    'channel': ['channel'],
    'llm_model': ['llm_model'],
    'type': ['type'],
    'integration': ['integration'],
    'status': ['status'],
    'ticket_id': ['ticket_id'],
    'dialog_id': ['dialog_id'],
    'duration_minutes': ['duration_minutes'],
    'touchpoints': ['touchpoints'],
    'knowledge_items': ['knowledge_items'],
    'size_kb': ['size_kb'],
    'chunk_count': ['chunk_count'],
}) -%}

with

source as {{ not_materialized() }} (

    select * from {{ ref('base_posthog__events') }} as new_rows
    where {{ incremental_new_rows('new_rows', 'event_id', 'loaded_at') }}

),

tracking_plan as (

    select * from {{ ref('tracking_plan') }}

),

deduplicated as (

    {{ deduplicate('source', 'event_id', 'loaded_at, ingested_at') }}

),

validated as (

    select
        *,
        case when {{ is_valid_json('properties') }} then properties end as properties_json
    from deduplicated

),

parsed as (

    select
        event_id,
        event_name,
        distinct_id,
        ingestion_person_id,
        {{ property_texts['$session_id'] }} as posthog_session_id,
        {{ property_texts['$anon_distinct_id'] }} as anon_distinct_id,
        {{ property_texts['$current_url'] }} as url,
        {{ property_texts['$pathname'] }} as page_path,
        coalesce(
            {{ property_texts['tenant_id'] }},
            {{ property_texts['workspace_id'] }}
        ) as tenant_id,
        {{ property_texts['$groups.tenant'] }} as group_tenant_id,
        {{ property_texts['plan'] }} as plan,
        {{ property_texts['source'] }} as signup_source,
        {{ property_texts['agent_id'] }} as agent_id,
        {{ property_texts['channel'] }} as channel,
        {{ property_texts['llm_model'] }} as llm_model,
        {{ property_texts['type'] }} as knowledge_type,
        {{ property_texts['integration'] }} as integration,
        {{ property_texts['status'] }} as integration_status,
        {{ property_texts['ticket_id'] }} as ticket_id,
        {{ property_texts['dialog_id'] }} as dialog_id,
        {{ safe_cast(property_texts['duration_minutes'], 'double') }} as duration_minutes,
        {{ safe_cast(property_texts['touchpoints'], 'bigint') }} as touchpoints,
        {{ safe_cast(property_texts['knowledge_items'], 'bigint') }} as knowledge_items,
        {{ safe_cast(property_texts['size_kb'], 'double') }} as size_kb,
        {{ safe_cast(property_texts['chunk_count'], 'bigint') }} as chunk_count,
        properties is not null and properties_json is null as has_invalid_properties,
        event_at,
        ingested_at,
        loaded_at
    from validated

),

flagged as (

    select
        parsed.event_id,
        parsed.event_name,
        parsed.distinct_id,
        parsed.ingestion_person_id,
        parsed.posthog_session_id,
        parsed.anon_distinct_id,
        parsed.url,
        parsed.page_path,
        parsed.tenant_id,
        parsed.group_tenant_id,
        parsed.plan,
        parsed.signup_source,
        parsed.agent_id,
        parsed.channel,
        parsed.llm_model,
        parsed.knowledge_type,
        parsed.integration,
        parsed.integration_status,
        parsed.ticket_id,
        parsed.dialog_id,
        parsed.duration_minutes,
        parsed.touchpoints,
        parsed.knowledge_items,
        parsed.size_kb,
        parsed.chunk_count,
        nullif(concat_ws(
            '; ',
            case when parsed.has_invalid_properties then 'invalid_properties_json' end,
            {{ plan_violation_reason(
                'parsed.event_at',
                'parsed.ingested_at',
                'tracking_plan.required_properties',
                property_columns,
                'parsed.'
            ) | indent(12) }}
        ), '') as quarantine_reason,
        parsed.event_at,
        parsed.ingested_at,
        parsed.loaded_at
    from parsed
    left join tracking_plan
        on parsed.event_name = tracking_plan.posthog_event

)

select * from flagged
{{ cluster_by_load_time("loaded_at") }}
