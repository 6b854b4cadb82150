{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}
{{ stage_segment_event(
    ref('base_segment__integration_connected'),
    'integration_connected',
    segment_event_properties()['integration_connected']
) }}
