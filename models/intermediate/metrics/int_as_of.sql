{#- One row: the reporting clock. `as_of` is the latest event time among the staged,
    non-quarantined Segment and PostHog events (metrics.md): never a load time or the clock of
    the machine, so the same data always gives the same numbers. -#}
select max(event_at) as as_of
from {{ ref('int_events_unioned') }}
