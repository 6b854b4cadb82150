{#-
    One row per staged, non-quarantined event of both tools: the Segment per-event tables,
    Segment pages, Segment `tracks` rows of events that have no table of their own (the
    events outside the tracking plan), and every PostHog event. Ids are kept as sent; the
    person behind each row is resolved downstream (int_events_identified).
    Incremental: appends the staged rows loaded since the last run (`source_loaded_at`: the
    load-time column the staged model is incremental on) whose event_key is new; each part
    is filtered by load time before the union so a run reads only the new rows, and keys are
    compared with the lookback window only (the staged models dedupe across runs).
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}
{%- set property_types = event_property_types() -%}
{%- set segment_events = segment_event_properties() -%}

with

tracking_plan as (

    select * from {{ ref('tracking_plan') }}

),

{% for event_name, event_properties in segment_events.items() %}
segment_{{ event_name }} as (

    select
        'segment' as source_tool,
        '{{ event_name }}' as source_table,
        event_id,
        event_name as source_event_name,
        anonymous_id,
        user_id as source_user_id,
        cast(null as {{ dbt.type_string() }}) as distinct_id,
        cast(null as {{ dbt.type_string() }}) as posthog_session_id,
        context_page_url as url,
        context_page_path as page_path,
        library_name,
        {%- for property, kind in property_types.items() %}
        {% if property in event_properties -%}
        {{ property }}
        {%- else -%}
        cast(null as {{ column_type(kind) }}) as {{ property }}
        {%- endif %},
        {%- endfor %}
        event_at,
        received_at,
        loaded_at,
        received_at as source_loaded_at
    from {{ ref('stg_segment__' ~ event_name) }}
    where
        quarantine_reason is null
        {% if is_incremental() %}
        and received_at > {{ incremental_since('source_loaded_at') }}
        {% endif %}

),

{% endfor %}
segment_pages as (

    select
        'segment' as source_tool,
        'pages' as source_table,
        page_view_id as event_id,
        'page' as source_event_name,
        anonymous_id,
        user_id as source_user_id,
        cast(null as {{ dbt.type_string() }}) as distinct_id,
        cast(null as {{ dbt.type_string() }}) as posthog_session_id,
        url,
        page_path,
        library_name,
        {%- for property, kind in property_types.items() %}
        cast(null as {{ column_type(kind) }}) as {{ property }},
        {%- endfor %}
        event_at,
        received_at,
        loaded_at,
        received_at as source_loaded_at
    from {{ ref('stg_segment__pages') }}
    where
        quarantine_reason is null
        {% if is_incremental() %}
        and received_at > {{ incremental_since('source_loaded_at') }}
        {% endif %}

),

{# Planned events are read from their own tables, which carry the properties: from
   tracks only the events outside the plan. #}
segment_tracks as (

    select
        'segment' as source_tool,
        'tracks' as source_table,
        tracks.event_id,
        tracks.event_name as source_event_name,
        tracks.anonymous_id,
        tracks.user_id as source_user_id,
        cast(null as {{ dbt.type_string() }}) as distinct_id,
        cast(null as {{ dbt.type_string() }}) as posthog_session_id,
        tracks.context_page_url as url,
        tracks.context_page_path as page_path,
        tracks.library_name,
        {%- for property, kind in property_types.items() %}
        cast(null as {{ column_type(kind) }}) as {{ property }},
        {%- endfor %}
        tracks.event_at,
        tracks.received_at,
        tracks.loaded_at,
        tracks.received_at as source_loaded_at
    from {{ ref('stg_segment__tracks') }} as tracks
    left join tracking_plan
        on tracks.event_name = tracking_plan.segment_event
    where
        tracks.quarantine_reason is null
        and tracking_plan.segment_event is null
        {% if is_incremental() %}
        and tracks.received_at > {{ incremental_since('source_loaded_at') }}
        {% endif %}

),

posthog_events as (

    select
        'posthog' as source_tool,
        'events' as source_table,
        event_id,
        event_name as source_event_name,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        cast(null as {{ dbt.type_string() }}) as source_user_id,
        distinct_id,
        posthog_session_id,
        url,
        page_path,
        cast(null as {{ dbt.type_string() }}) as library_name,
        {%- for property in property_types.keys() %}
        {% if property == 'tenant_id' -%}
        coalesce(tenant_id, group_tenant_id) as tenant_id
        {%- else -%}
        {{ property }}
        {%- endif %},
        {%- endfor %}
        event_at,
        ingested_at as received_at,
        loaded_at,
        loaded_at as source_loaded_at
    from {{ ref('stg_posthog__events') }}
    where
        quarantine_reason is null
        {% if is_incremental() %}
        and loaded_at > {{ incremental_since('source_loaded_at') }}
        {% endif %}

),

unioned as (

    {% for event_name in segment_events.keys() -%}
    select * from segment_{{ event_name }}
    union all
    {% endfor -%}
    select * from segment_pages
    union all
    select * from segment_tracks
    union all
    select * from posthog_events

),

classified as (

    select
        {{ dbt.concat(["unioned.source_tool", "':'", "unioned.event_id"]) }} as event_key,
        unioned.event_id,
        unioned.source_tool,
        unioned.source_table,
        coalesce(segment_plan.event_name, posthog_plan.event_name, unioned.source_event_name)
            as event_name,
        unioned.source_event_name,
        unioned.anonymous_id,
        unioned.source_user_id,
        unioned.distinct_id,
        unioned.posthog_session_id,
        unioned.url,
        unioned.page_path,
        unioned.library_name,
        {%- for property in property_types.keys() %}
        unioned.{{ property }},
        {%- endfor %}
        coalesce(segment_plan.event_name, posthog_plan.event_name) is not null as is_planned,
        coalesce(
            coalesce(segment_plan.canonical_source, posthog_plan.canonical_source)
            in (unioned.source_tool, 'both'),
            false
        ) as is_canonical_source,
        {#- Unplanned events have no plan entry: a Segment call says where it was captured by
            its library (analytics.js runs in the browser, every other library on a server).
            PostHog's `$lib` is not staged, so unplanned PostHog events stay unknown. #}
        coalesce(
            segment_plan.collected_from,
            posthog_plan.collected_from,
            case
                when unioned.source_tool = 'segment' and unioned.library_name = 'analytics.js'
                    then 'browser'
                when unioned.source_tool = 'segment' and unioned.library_name is not null
                    then 'backend'
            end
        ) as collected_from,
        unioned.event_at,
        unioned.received_at,
        unioned.loaded_at,
        unioned.source_loaded_at
    from unioned
    left join tracking_plan as segment_plan
        on
            unioned.source_tool = 'segment'
            and unioned.source_event_name = segment_plan.segment_event
    left join tracking_plan as posthog_plan
        on
            unioned.source_tool = 'posthog'
            and unioned.source_event_name = posthog_plan.posthog_event

)

select * from classified
{#- The staged parents already drop every key they hold and share this model's load times:
    only the rows re-read in the lookback window can be here already. #}
where {{ incremental_new_rows(
    'classified', 'event_key', 'source_loaded_at',
    key_window_hours=var('incremental_lookback_hours')) }}
