{{ config(materialized='view') }}
{#- One row per event of int_events_unioned with the product user behind it resolved through
    the identity map, retroactively: an anonymous event before identify gets its user too.
    `actor_id` is the user, or the anonymous / distinct id when no user is known. Segment rows
    carry only anonymous_id and PostHog rows only distinct_id, so each join matches one tool. -#}
with

events as (

    select * from {{ ref('int_events_unioned') }}

),

segment_identities as (

    select
        identity_value as anonymous_id,
        user_id
    from {{ ref('int_identities_mapped') }}
    where identity_type = 'segment_anonymous_id'

),

posthog_identities as (

    select
        identity_value as distinct_id,
        user_id
    from {{ ref('int_identities_mapped') }}
    where identity_type = 'posthog_distinct_id'

),

identified as (

    select
        events.*,
        coalesce(events.source_user_id, segment_identities.user_id, posthog_identities.user_id)
            as user_id
    from events
    left join segment_identities
        on events.anonymous_id = segment_identities.anonymous_id
    left join posthog_identities
        on events.distinct_id = posthog_identities.distinct_id

),

with_actor as (

    select
        *,
        coalesce(user_id, anonymous_id, distinct_id) as actor_id
    from identified

)

select * from with_actor  -- noqa: AM04
