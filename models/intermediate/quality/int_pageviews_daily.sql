{#- The page-view counts behind mart_pageviews_reconciliation_daily, one row per day (UTC) with
    any page view: Segment `pages` and PostHog `$pageview` rows of the unified stream, and
    Vercel `pageview` drain events, each deduplicated and not quarantined.
    Incremental by day: both inputs are append-only (a staged row, its event time and its
    quarantine verdict never change once loaded), so a day's counts change only when rows of
    that day are appended. A run recomputes, from all their rows, the days of the rows loaded
    since this model's watermark of their source (`last_stream_loaded_at`,
    `last_vercel_loaded_at`: the latest load time counted, minus the lookback), and replaces
    those days by delete+insert on date_day. -#}
{{ config(
    materialized=upsert_materialization(),
    incremental_strategy='delete+insert',
    unique_key='date_day',
    on_schema_change='fail',
) }}

with

{#- Each read at least twice on incremental runs (touched days, then their rows): inlined, so
    that each read filters the big table itself. #}
stream_page_views as {{ not_materialized() }} (

    select
        source_tool,
        event_at,
        source_loaded_at
    from {{ ref('int_events_unioned') }}
    where event_name = 'page'

),

vercel_page_views as {{ not_materialized() }} (

    select
        event_at,
        received_at
    from {{ ref('stg_vercel__analytics_events') }}
    where quarantine_reason is null and event_type = 'pageview'

),

{% if is_incremental() %}
touched_days as (

    select cast(event_at as date) as date_day
    from stream_page_views
    where source_loaded_at > {{ incremental_since('last_stream_loaded_at') }}
    union
    select cast(event_at as date) as date_day
    from vercel_page_views
    where received_at > {{ incremental_since('last_vercel_loaded_at') }}

),

{% endif %}
{#- Counted separately and joined on the day (full outer: a day may have page views of only
    one side). On incremental runs each side reads only the touched days' rows; the range
    condition lets the engine skip the older row groups before the day match. #}
{%- set only_touched_days -%}
    where
        event_at >= (
            select cast(min(touched.date_day) as {{ dbt.type_timestamp() }})
            from touched_days as touched
        )
        and cast(event_at as date) in (select touched.date_day from touched_days as touched)
{%- endset %}
stream_daily as (

    select
        cast(event_at as date) as date_day,
        sum(case when source_tool = 'segment' then 1 else 0 end) as segment_page_views,
        sum(case when source_tool = 'posthog' then 1 else 0 end) as posthog_page_views,
        max(source_loaded_at) as last_stream_loaded_at
    from stream_page_views
    {% if is_incremental() %}{{ only_touched_days }}{% endif %}
    group by cast(event_at as date)

),

vercel_daily as (

    select
        cast(event_at as date) as date_day,
        count(*) as vercel_page_views,
        max(received_at) as last_vercel_loaded_at
    from vercel_page_views
    {% if is_incremental() %}{{ only_touched_days }}{% endif %}
    group by cast(event_at as date)

)

select
    coalesce(stream_daily.date_day, vercel_daily.date_day) as date_day,
    cast(coalesce(stream_daily.segment_page_views, 0) as {{ dbt.type_bigint() }})
        as segment_page_views,
    cast(coalesce(stream_daily.posthog_page_views, 0) as {{ dbt.type_bigint() }})
        as posthog_page_views,
    cast(coalesce(vercel_daily.vercel_page_views, 0) as {{ dbt.type_bigint() }})
        as vercel_page_views,
    stream_daily.last_stream_loaded_at,
    vercel_daily.last_vercel_loaded_at
from stream_daily
full outer join vercel_daily
    on stream_daily.date_day = vercel_daily.date_day
