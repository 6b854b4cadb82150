{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}
{{ stage_segment_event(
    ref('base_segment__agent_published'),
    'agent_published',
    segment_event_properties()['agent_published']
) }}
