{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}
{{ stage_segment_event(
    ref('base_segment__knowledge_uploaded'),
    'knowledge_uploaded',
    segment_event_properties()['knowledge_uploaded']
) }}
