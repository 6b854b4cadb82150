{#-
    A select of the rows of `events` (a relation, or the name of a CTE holding rows of
    int_events_unioned) with the product user behind each resolved through the identity map:
    `user_id` is the row's own user id, else the user its Segment anonymous_id or its PostHog
    distinct_id maps to; `actor_id` is the user, else the anonymous / distinct id. The one
    definition behind int_events_identified (all events) and the incremental run of
    int_events_sessionized (only the affected actors' events).
-#}
{% macro identify_events(events) -%}
select
    events.*,
    coalesce(events.source_user_id, segment_identities.user_id, posthog_identities.user_id)
        as user_id,
    coalesce(
        events.source_user_id,
        segment_identities.user_id,
        posthog_identities.user_id,
        events.anonymous_id,
        events.distinct_id
    ) as actor_id
from {{ events }} as events
left join {{ ref('int_identities_mapped') }} as segment_identities
    on
        events.anonymous_id = segment_identities.identity_value
        and segment_identities.identity_type = 'segment_anonymous_id'
left join {{ ref('int_identities_mapped') }} as posthog_identities
    on
        events.distinct_id = posthog_identities.identity_value
        and posthog_identities.identity_type = 'posthog_distinct_id'
{%- endmacro %}
