{#-
    The staging query shared by the Segment per-event tables: one row per message id (the
    first delivery by received_at), with `quarantine_reason` set when the row violates the
    tracking plan. Downstream models read only rows where `quarantine_reason` is null; the
    quarantine models expose the others.

    base_relation: the base model (ref) of the event table; event_name: the event slug;
    property_columns: the unified property columns of the event, in output order.
-#}
{% macro stage_segment_event(base_relation, event_name, property_columns) -%}
with

source as {{ not_materialized() }} (

    select * from {{ base_relation }} as new_rows
    where {{ incremental_new_rows('new_rows', 'event_id', 'received_at') }}

),

tracking_plan as (

    select * from {{ ref('tracking_plan') }}

),

deduplicated as (

    {{ deduplicate('source', 'event_id', 'received_at, loaded_at, source_schema') }}

),

flagged as (

    select
        deduplicated.event_id,
        deduplicated.anonymous_id,
        deduplicated.user_id,
        '{{ event_name }}' as event_name,
        deduplicated.event_text,
        deduplicated.source_schema,
        deduplicated.library_name,
        deduplicated.context_page_path,
        deduplicated.context_page_url,
        {%- for property in property_columns %}
        deduplicated.{{ property }},
        {%- endfor %}
        {{ plan_violation_reason(
            'deduplicated.event_at',
            'deduplicated.received_at',
            'tracking_plan.required_properties',
            property_columns,
            'deduplicated.'
        ) | indent(8) }} as quarantine_reason,
        deduplicated.event_at,
        deduplicated.client_event_at,
        deduplicated.sent_at,
        deduplicated.received_at,
        deduplicated.loaded_at
    from deduplicated
    left join tracking_plan
        on tracking_plan.segment_event = '{{ event_name }}'

)

select * from flagged
{{ cluster_by_load_time('received_at') }}
{%- endmacro %}
