{#- The unified event properties (metrics.md tracking plan, renamed as in staging) and their
    column kinds: one definition for staging, the event stream and the quarantine checks. -#}
{% macro event_property_types() -%}
    {{ return({
        'tenant_id': 'string',
        'plan': 'string',
        'signup_source': 'string',
        'agent_id': 'string',
        'channel': 'string',
        'llm_model': 'string',
        'knowledge_type': 'string',
        'integration': 'string',
        'integration_status': 'string',
        'ticket_id': 'string',
        'dialog_id': 'string',
        'duration_minutes': 'double',
        'touchpoints': 'bigint',
        'knowledge_items': 'bigint',
        'size_kb': 'double',
        'chunk_count': 'bigint',
    }) }}
{%- endmacro %}


{#- The Segment per-event tables (raw-data-contract.md) and the unified properties each one
    carries. -#}
{% macro segment_event_properties() -%}
    {{ return({
        'signup_completed': ['tenant_id', 'plan', 'signup_source'],
        'onboarding_completed': ['tenant_id', 'duration_minutes', 'touchpoints'],
        'agent_published': ['tenant_id', 'agent_id', 'channel', 'llm_model', 'knowledge_items'],
        'knowledge_uploaded': ['tenant_id', 'knowledge_type', 'size_kb', 'chunk_count'],
        'integration_connected': ['tenant_id', 'integration', 'integration_status'],
        'support_request_created': ['tenant_id', 'ticket_id', 'channel'],
    }) }}
{%- endmacro %}
