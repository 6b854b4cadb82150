{{ config(materialized='view') }}
{#- One row per event of int_events_unioned with the product user behind it resolved through
    the identity map, retroactively: an anonymous event before identify gets its user too.
    `actor_id` is the user, or the anonymous / distinct id when no user is known. Segment rows
    carry only anonymous_id and PostHog rows only distinct_id, so each join matches one tool.
    The resolution is the macro identify_events, shared with int_events_sessionized. -#}
{{ identify_events(ref('int_events_unioned')) }}
