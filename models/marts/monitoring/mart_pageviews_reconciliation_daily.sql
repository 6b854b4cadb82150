{#- One row per day with any page view: deduplicated, non-quarantined page views seen by
    Segment (`pages`), PostHog (`$pageview`) and Vercel (`pageview`), and how far PostHog is
    from Vercel: |PostHog − Vercel| / Vercel (null without Vercel page views). A day above
    var('pageview_deviation_threshold') is flagged. -#}
with

stream_page_views as (

    select * from {{ ref('int_events_unioned') }}
    where event_name = 'page'

),

vercel_events as (

    select * from {{ ref('stg_vercel__analytics_events') }}
    where quarantine_reason is null and event_type = 'pageview'

),

daily_counts as (

    select
        cast(event_at as date) as date_day,
        sum(case when source_tool = 'segment' then 1 else 0 end) as segment_page_views,
        sum(case when source_tool = 'posthog' then 1 else 0 end) as posthog_page_views,
        0 as vercel_page_views
    from stream_page_views
    group by cast(event_at as date)

    union all

    select
        cast(event_at as date) as date_day,
        0 as segment_page_views,
        0 as posthog_page_views,
        count(*) as vercel_page_views
    from vercel_events
    group by cast(event_at as date)

),

daily as (

    select
        date_day,
        sum(segment_page_views) as segment_page_views,
        sum(posthog_page_views) as posthog_page_views,
        sum(vercel_page_views) as vercel_page_views
    from daily_counts
    group by date_day

),

deviations as (

    select
        *,
        abs(posthog_page_views - vercel_page_views)
        / cast(nullif(vercel_page_views, 0) as {{ type_double() }})
            as posthog_vs_vercel_deviation
    from daily

)

select
    date_day,
    cast(segment_page_views as {{ dbt.type_bigint() }}) as segment_page_views,
    cast(posthog_page_views as {{ dbt.type_bigint() }}) as posthog_page_views,
    cast(vercel_page_views as {{ dbt.type_bigint() }}) as vercel_page_views,
    posthog_vs_vercel_deviation,
    coalesce(posthog_vs_vercel_deviation > {{ var('pageview_deviation_threshold') }}, false)
        as is_flagged
from deviations
