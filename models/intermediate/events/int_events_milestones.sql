{#- The rows of int_events_unioned whose event is one of milestone_event_names() (signups,
    activation-funnel steps, agent publishing, support requests): the user-level models read
    these few percent instead of scanning the whole stream on every run. Incremental (append):
    stream rows loaded since the last run (minus the lookback) whose key is not here yet; the
    stream only grows, so this stays exactly its filtered copy. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}

{#- Every column of the stream, whatever it gains later (on_schema_change appends them):
    the identified view and its readers use the stream's columns as they are. #}
select * from {{ ref('int_events_unioned') }} as unioned  -- noqa: AM04
where
    {{ milestone_filter(milestone_event_names(), 'unioned.event_name') }}
    and {{ incremental_new_rows('unioned', 'event_key', 'source_loaded_at') }}
