{#-
    The identity evidence the event stream carries, folded to one row per identifier (and, for
    Segment, per user it was seen with), so that int_identities_mapped reads thousands of rows
    instead of every event of history on each run:
    - `segment_anonymous_id`: a Segment anonymous_id seen on an event row together with a
      user_id, with the earliest event time of that pair;
    - `posthog_distinct_id`: a PostHog distinct_id seen on any event, with its earliest event
      time and its earliest `$identify` (null when it never identified).
    Incremental: the stream rows loaded since the last run (minus the lookback) are grouped and
    each row keeps the earlier of its stored and new times (a minimum only moves earlier, the
    way int_event_ids_first_seen folds), replaced by evidence_key.
-#}
{{ config(
    materialized=upsert_materialization(),
    incremental_strategy='delete+insert',
    unique_key='evidence_key',
    on_schema_change='fail',
) }}

with

{#- The stream is the project's largest table: each kind reads it in its own CTE with its own
    filter (a CTE used twice is materialized whole). #}
segment_pairs as (

    select
        'segment_anonymous_id' as identity_type,
        anonymous_id as identity_value,
        source_user_id as user_id,
        min(event_at) as first_event_at,
        cast(null as {{ dbt.type_timestamp() }}) as first_identify_at,
        max(source_loaded_at) as source_loaded_at
    from {{ ref('int_events_unioned') }}
    where
        source_tool = 'segment'
        and anonymous_id is not null
        and source_user_id is not null
        {% if is_incremental() -%}
        and source_loaded_at > {{ incremental_since('source_loaded_at') }}
        {%- endif %}
    group by anonymous_id, source_user_id

),

posthog_distinct_ids as (

    select
        'posthog_distinct_id' as identity_type,
        distinct_id as identity_value,
        cast(null as {{ dbt.type_string() }}) as user_id,
        min(event_at) as first_event_at,
        min(case when source_event_name = '$identify' then event_at end) as first_identify_at,
        max(source_loaded_at) as source_loaded_at
    from {{ ref('int_events_unioned') }}
    where
        source_tool = 'posthog'
        and distinct_id is not null
        {% if is_incremental() -%}
        and source_loaded_at > {{ incremental_since('source_loaded_at') }}
        {%- endif %}
    group by distinct_id

),

grouped as (

    select * from segment_pairs
    union all
    select * from posthog_distinct_ids

),

keyed as (

    select
        {#- A Segment row is a pair: the user id (no `|` in a user id) comes first. #}
        {{ dbt.concat([
            "identity_type", "':'", "coalesce(user_id, '')", "'|'", "identity_value"
        ]) }} as evidence_key,
        identity_type,
        identity_value,
        user_id,
        first_event_at,
        first_identify_at,
        source_loaded_at
    from grouped

)

{% if is_incremental() -%}
select
    keyed.evidence_key,
    keyed.identity_type,
    keyed.identity_value,
    keyed.user_id,
    {{ earlier_of('previous.first_event_at', 'keyed.first_event_at') }} as first_event_at,
    {{ earlier_of('previous.first_identify_at', 'keyed.first_identify_at') }}
        as first_identify_at,
    {{ later_of('previous.source_loaded_at', 'keyed.source_loaded_at') }} as source_loaded_at
from keyed
left join {{ this }} as previous
    on keyed.evidence_key = previous.evidence_key
{%- else -%}
select * from keyed
{%- endif %}
