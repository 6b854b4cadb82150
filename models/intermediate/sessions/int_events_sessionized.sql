{#-
    One row per browser event (page views and product events captured in the browser; backend
    and runtime events are not visits) with its session. Sessions are built per tool and per
    actor (the resolved user, else the anonymous id): a gap of
    var('session_inactivity_minutes') or more starts a new session, and within one run of
    activity a new session starts every var('session_max_hours') counted from the run's first
    event (fixed blocks, so that no session is longer than the cap without a recursive walk).
    Incremental (rows replaced by event_key): when an already sessionized event now resolves to
    another actor (new identify, persons or id-carrying rows), both actors are recomputed from
    all their events. Any other actor with new events is recomputed only from the start of the
    activity run (activity_started_at) holding its earliest new event.
-#}
{#- Read only on incremental runs; declared so that the DAG orders them first. #}
-- depends_on: {{ ref('stg_segment__identifies') }}
-- depends_on: {{ ref('stg_posthog__persons') }}
-- depends_on: {{ ref('int_events_unioned') }}
-- depends_on: {{ ref('int_identities_mapped') }}
{%- set cap_seconds = var('session_max_hours') ~ ' * 3600' %}
{#- The one order of the three window passes below. #}
{%- set actor_event_order = 'partition by source_tool, actor_id order by event_at, event_key' %}
{{ config(
    materialized=upsert_materialization(),
    incremental_strategy='delete+insert',
    unique_key='event_key',
    on_schema_change='fail',
) }}

with

eligible_events as (

    select * from {{ ref('int_events_identified') }}
    where
        actor_id is not null
        and coalesce(collected_from, 'browser') = 'browser'

),

{% if is_incremental() %}
{% set since = incremental_since('source_loaded_at') %}
new_events as (

    {#- Rows of the lookback window not sessionized yet. A row already here was sessionized
        with every event known then; only new rows (or a change of identity, below) can
        change its sessions, so the actors re-sessionised are those with new rows, not
        every actor active in the lookback window. #}
    select * from eligible_events
    where
        {{ incremental_new_rows(
            'eligible_events', 'event_key', 'source_loaded_at',
            key_window_hours=var('incremental_lookback_hours')
        ) }}

),

new_stream_ids as (

    {#- The id columns of every stream row loaded in this window (all tools and events, not
        only the browser events above), read once for both kinds of identity evidence. #}
    select
        anonymous_id,
        source_user_id,
        distinct_id,
        source_event_name
    from {{ ref('int_events_unioned') }}
    where source_loaded_at > {{ since }}

),

changed_segment_ids as (

    {#- Ids whose resolution can have changed: Segment anonymous ids with new identify
        evidence (here), and every distinct id of a PostHog person touched by a new persons
        row or `$identify` (changed_posthog_ids). #}
    select anonymous_id as identity_value
    from {{ ref('stg_segment__identifies') }}
    where received_at > {{ since }} and anonymous_id is not null

    union

    select anonymous_id as identity_value
    from new_stream_ids
    where anonymous_id is not null and source_user_id is not null

),

changed_distinct_ids as (

    select distinct_id as identity_value
    from {{ ref('stg_posthog__persons') }}
    where loaded_at > {{ since }}

    union

    select distinct_id as identity_value
    from new_stream_ids
    where source_event_name = '$identify' and distinct_id is not null

),

touched_persons as (

    {#- Every person a changed distinct id belongs or belonged to (all persons versions). #}
    select person_id
    from {{ ref('stg_posthog__persons') }}
    where
        person_id is not null
        and distinct_id in (select changed_distinct_ids.identity_value from changed_distinct_ids)

),

changed_posthog_ids as (

    select identity_value from changed_distinct_ids

    union

    select identity_value
    from {{ ref('int_identities_mapped') }}
    where
        identity_type = 'posthog_distinct_id'
        and person_id in (select touched_persons.person_id from touched_persons)

),

previously_resolved as (

    {#- Sessionized rows of those ids, with the actor and user they were given. A row that
        carries its own user id resolves to it whatever the map says: left out. #}
    select
        event_key,
        source_user_id,
        anonymous_id,
        distinct_id,
        actor_id as previous_actor_id,
        user_id as previous_user_id
    from {{ this }}
    where
        source_user_id is null
        and (
            anonymous_id in (select changed_segment_ids.identity_value from changed_segment_ids)
            or distinct_id in (
                select changed_posthog_ids.identity_value from changed_posthog_ids
            )
        )

),

{% set resolution_changed -%}
    actor_id <> previous_actor_id
    or coalesce(user_id, '') <> coalesce(previous_user_id, '')
{%- endset %}
resolved_now as (

    {{ identify_events('previously_resolved') | indent(4) }}

),

moved_actors as (

    {#- An event that now resolves to another actor or user (a PostHog distinct id can be the
        user id itself, so the actor stays while the user changes): both actors' sessions are
        recomputed from all their events. #}
    select previous_actor_id as actor_id from resolved_now
    where {{ resolution_changed }}

    union

    select actor_id from resolved_now
    where {{ resolution_changed }}

),

new_event_starts as (

    {#- Other actors with new events: per tool, the earliest new event. #}
    select
        new_events.source_tool,
        new_events.actor_id,
        min(new_events.event_at) as first_new_event_at
    from new_events
    left join moved_actors
        on new_events.actor_id = moved_actors.actor_id
    where moved_actors.actor_id is null
    group by new_events.source_tool, new_events.actor_id

),

recompute_from as (

    {#- Sessions before the start of the activity run that holds (or last precedes) the
        earliest new event cannot change: the event before that run start is at least
        var('session_inactivity_minutes') older than it and than every new event. Without an
        earlier run, everything from the earliest new event on is recomputed. -#}
    select
        new_starts.source_tool,
        new_starts.actor_id,
        coalesce(max(previous.activity_started_at), new_starts.first_new_event_at)
            as recompute_from_at
    from new_event_starts as new_starts
    left join {{ this }} as previous
        on
            new_starts.source_tool = previous.source_tool
            and new_starts.actor_id = previous.actor_id
            and new_starts.first_new_event_at >= previous.activity_started_at
    group by new_starts.source_tool, new_starts.actor_id, new_starts.first_new_event_at

    union all

    {# A moved actor: every tool (null), all history (null). #}
    select
        cast(null as {{ dbt.type_string() }}) as source_tool,
        actor_id,
        cast(null as {{ dbt.type_timestamp() }}) as recompute_from_at
    from moved_actors

),

recomputed_previous as (

    {#- Earlier sessionized rows from the recompute point on, found under the actor they
        were stored with: every row that now resolves to a moved actor was stored under a
        moved actor (itself, or the one it moved from), so this one pass over this model finds
        them, and the stream is not searched. new_events holds no stored row.
    -#}
    select
        previous.event_key,
        previous.event_id,
        previous.source_tool,
        previous.event_name,
        previous.source_user_id,
        previous.anonymous_id,
        previous.distinct_id,
        previous.tenant_id,
        previous.url,
        previous.page_path,
        previous.event_at,
        previous.source_loaded_at
    from {{ this }} as previous
    inner join recompute_from
        on
            previous.actor_id = recompute_from.actor_id
            and previous.source_tool = coalesce(recompute_from.source_tool, previous.source_tool)
            and previous.event_at >= coalesce(recompute_from.recompute_from_at, previous.event_at)

),

reidentified_previous as (

    {#- Resolved again: a moved row takes its new actor and user. #}
    {{ identify_events('recomputed_previous') | indent(4) }}

),

events as (

    select
        event_key,
        event_id,
        source_tool,
        event_name,
        source_user_id,
        actor_id,
        user_id,
        anonymous_id,
        distinct_id,
        tenant_id,
        url,
        page_path,
        event_at,
        source_loaded_at
    from reidentified_previous

    union all

    {# ... and the new events of the same actors. #}
    select
        new_events.event_key,
        new_events.event_id,
        new_events.source_tool,
        new_events.event_name,
        new_events.source_user_id,
        new_events.actor_id,
        new_events.user_id,
        new_events.anonymous_id,
        new_events.distinct_id,
        new_events.tenant_id,
        new_events.url,
        new_events.page_path,
        new_events.event_at,
        new_events.source_loaded_at
    from new_events
    inner join recompute_from
        on
            new_events.actor_id = recompute_from.actor_id
            and new_events.source_tool
            = coalesce(recompute_from.source_tool, new_events.source_tool)

),

{% else %}
events as (

    select * from eligible_events

),

{% endif %}
session_keys as (

    {#- The window functions sort: they run on the four columns they need, not whole rows. #}
    select
        source_tool,
        actor_id,
        event_at,
        event_key
    from events

),

gaps as (

    select
        *,
        lag(event_at) over ({{ actor_event_order }}) as previous_event_at
    from session_keys

),

{# Three window passes in one order (tool, actor, event time); the last two are running
   maxima over the rows so far: event times ascend, so the latest start at or before a row
   is its start. #}
activity_runs as (

    {#- An activity run (inactivity session) starts at the actor's first event and after
        every gap of var('session_inactivity_minutes') or more. #}
    select
        *,
        max(
            case
                when previous_event_at is null then event_at
                when event_at >= {{ dbt.dateadd(
                    'minute', var('session_inactivity_minutes'), 'previous_event_at') }}
                    then event_at
            end
        ) over (
            {{ actor_event_order }}
            rows between unbounded preceding and current row
        ) as activity_started_at
    from gaps

),

sessions as (

    {#- A session starts where its run starts and at the first event of each further block
        of var('session_max_hours') counted from the run's start (the previous event lies in
        the same run unless this one starts a run). #}
    select
        *,
        max(
            case
                when activity_started_at = event_at then event_at
                when
                    floor(
                        {{ dbt.datediff('activity_started_at', 'event_at', 'second') }}
                        / ({{ cap_seconds }})
                    )
                    > floor(
                        {{ dbt.datediff('activity_started_at', 'previous_event_at', 'second') }}
                        / ({{ cap_seconds }})
                    )
                    then event_at
            end
        ) over (
            {{ actor_event_order }}
            rows between unbounded preceding and current row
        ) as session_started_at
    from activity_runs

)

{#- A session is named by its tool, actor and first event time: stable when later history
    is added. #}
select
    {{ dbt.hash(dbt.concat([
        "events.source_tool", "'|'", "events.actor_id", "'|'",
        "cast(sessions.session_started_at as " ~ dbt.type_string() ~ ")"
    ])) }} as session_id,
    events.event_key,
    events.event_id,
    events.source_tool,
    events.event_name,
    events.source_user_id,
    events.actor_id,
    events.user_id,
    events.anonymous_id,
    events.distinct_id,
    events.tenant_id,
    events.url,
    events.page_path,
    events.event_at,
    sessions.session_started_at,
    sessions.activity_started_at,
    events.source_loaded_at,
    {#- The dbt invocation that (re)computed the row: int_sessions re-aggregates these. #}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
        as sessionized_at
from sessions
inner join events
    on sessions.event_key = events.event_key
