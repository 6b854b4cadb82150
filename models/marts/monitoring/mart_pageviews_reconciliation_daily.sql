{#- One row per day with any page view: deduplicated, non-quarantined page views seen by
    Segment (`pages`), PostHog (`$pageview`) and Vercel (`pageview`), and how far PostHog is
    from Vercel: |PostHog − Vercel| / Vercel (null without Vercel page views). A day above
    var('pageview_deviation_threshold') is flagged. The counts come from int_pageviews_daily,
    which recomputes only the days that new rows touch. -#}
with

daily as (

    select
        date_day,
        segment_page_views,
        posthog_page_views,
        vercel_page_views
    from {{ ref('int_pageviews_daily') }}

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
