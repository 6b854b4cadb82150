{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}
{{ stage_segment_event(
    ref('base_segment__signup_completed'),
    'signup_completed',
    segment_event_properties()['signup_completed']
) }}
