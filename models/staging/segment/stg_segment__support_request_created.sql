{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}
{{ stage_segment_event(
    ref('base_segment__support_request_created'),
    'support_request_created',
    segment_event_properties()['support_request_created']
) }}
