{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}
with

source as {{ not_materialized() }} (

    select * from {{ ref('base_segment__pages') }} as new_rows
    where {{ incremental_new_rows('new_rows', 'page_view_id', 'received_at') }}

),

tracking_plan as (

    select * from {{ ref('tracking_plan') }}

),

deduplicated as (

    {{ deduplicate('source', 'page_view_id', 'received_at, loaded_at, source_schema') }}

),

unified as (

    select
        page_view_id,
        anonymous_id,
        user_id,
        source_schema,
        library_name,
        page_name,
        coalesce(page_path, context_page_path) as page_path,
        {#- The plan requires the page's own `url` property: the page context is not a
            substitute (a call without it is quarantined, as PostHog's without $current_url). #}
        page_url as url,
        referrer,
        page_title,
        event_at,
        client_event_at,
        sent_at,
        received_at,
        loaded_at
    from deduplicated

),

flagged as (

    select
        unified.page_view_id,
        unified.anonymous_id,
        unified.user_id,
        unified.source_schema,
        unified.library_name,
        unified.page_name,
        unified.page_path,
        unified.url,
        unified.referrer,
        unified.page_title,
        {{ plan_violation_reason(
            'unified.event_at',
            'unified.received_at',
            'tracking_plan.required_properties',
            ['url'],
            'unified.'
        ) | indent(8) }} as quarantine_reason,
        unified.event_at,
        unified.client_event_at,
        unified.sent_at,
        unified.received_at,
        unified.loaded_at
    from unified
    left join tracking_plan
        on tracking_plan.segment_event = 'page'

)

select * from flagged
{{ cluster_by_load_time("received_at") }}
