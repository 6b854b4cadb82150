{#- One row per PostHog event uuid (the first export by _inserted_at), JSON properties parsed
    into typed, unified columns, with `quarantine_reason` for tracking-plan violations. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}

{%- set property_columns = ['url'] + (event_property_types().keys() | list) -%}

with

source as (

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
        {{ json_extract_text('properties_json', ['$session_id']) }} as posthog_session_id,
        {{ json_extract_text('properties_json', ['$anon_distinct_id']) }} as anon_distinct_id,
        {{ json_extract_text('properties_json', ['$current_url']) }} as url,
        {{ json_extract_text('properties_json', ['$pathname']) }} as page_path,
        coalesce(
            {{ json_extract_text('properties_json', ['tenant_id']) }},
            {{ json_extract_text('properties_json', ['workspace_id']) }}
        ) as tenant_id,
        {{ json_extract_text('properties_json', ['$groups', 'tenant']) }} as group_tenant_id,
        {{ json_extract_text('properties_json', ['plan']) }} as plan,
        {{ json_extract_text('properties_json', ['source']) }} as signup_source,
        {{ json_extract_text('properties_json', ['agent_id']) }} as agent_id,
        {{ json_extract_text('properties_json', ['channel']) }} as channel,
        {{ json_extract_text('properties_json', ['llm_model']) }} as llm_model,
        {{ json_extract_text('properties_json', ['type']) }} as knowledge_type,
        {{ json_extract_text('properties_json', ['integration']) }} as integration,
        {{ json_extract_text('properties_json', ['status']) }} as integration_status,
        {{ json_extract_text('properties_json', ['ticket_id']) }} as ticket_id,
        {{ json_extract_text('properties_json', ['dialog_id']) }} as dialog_id,
        {{ safe_cast(json_extract_text('properties_json', ['duration_minutes']), 'double') }}
            as duration_minutes,
        {{ safe_cast(json_extract_text('properties_json', ['touchpoints']), 'bigint') }}
            as touchpoints,
        {{ safe_cast(json_extract_text('properties_json', ['knowledge_items']), 'bigint') }}
            as knowledge_items,
        {{ safe_cast(json_extract_text('properties_json', ['size_kb']), 'double') }} as size_kb,
        {{ safe_cast(json_extract_text('properties_json', ['chunk_count']), 'bigint') }}
            as chunk_count,
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
