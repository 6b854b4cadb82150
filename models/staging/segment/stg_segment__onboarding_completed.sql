{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}
{{ stage_segment_event(
    ref('base_segment__onboarding_completed'),
    'onboarding_completed',
    segment_event_properties()['onboarding_completed']
) }}
