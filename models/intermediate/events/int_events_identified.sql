{#- One row per event of int_events_unioned with the product user behind it resolved through
    the identity map, retroactively: an anonymous event before identify gets its user too.
    `actor_id` is the user, or the anonymous / distinct id when no user is known. -#}
with

events as (

    select * from {{ ref('int_events_unioned') }}

),

identities as (

    select * from {{ ref('int_identities_mapped') }}

),

identified as (

    select
        events.*,
        case
            when events.source_tool = 'segment'
                then coalesce(events.source_user_id, segment_identities.user_id)
            else posthog_identities.user_id
        end as user_id
    from events
    left join identities as segment_identities
        on
            events.source_tool = 'segment'
            and segment_identities.identity_type = 'segment_anonymous_id'
            and events.anonymous_id = segment_identities.identity_value
    left join identities as posthog_identities
        on
            events.source_tool = 'posthog'
            and posthog_identities.identity_type = 'posthog_distinct_id'
            and events.distinct_id = posthog_identities.identity_value

)

select
    *,
    coalesce(user_id, anonymous_id, distinct_id) as actor_id
from identified
