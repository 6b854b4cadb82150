{#-
    One row per browser event (page views and product events captured in the browser; backend
    and runtime events are not visits) with its session. Sessions are built per tool and per
    actor (the resolved user, else the anonymous id): a gap of
    var('session_inactivity_minutes') or more starts a new session, and within one run of
    activity a new session starts every var('session_max_hours') counted from the run's first
    event (fixed blocks, so that no session is longer than the cap without a recursive walk).
    Incremental: every session of an actor with a new browser event, or whose identity changed
    (new identify, persons or id-carrying rows for one of its ids), is recomputed from all the
    actor's events, under the actor it resolves to now; rows are replaced by event_key.
-#}
{#- Read only on incremental runs; declared so that the DAG orders them first. #}
-- depends_on: {{ ref('stg_segment__identifies') }}
-- depends_on: {{ ref('stg_posthog__persons') }}
-- depends_on: {{ ref('int_events_unioned') }}
-- depends_on: {{ ref('int_identities_mapped') }}
{{ config(
    materialized=upsert_materialization(),
    incremental_strategy='delete+insert',
    unique_key='event_key',
    on_schema_change='append_new_columns',
) }}

with

eligible_events as (

    select * from {{ ref('int_events_identified') }}
    where
        actor_id is not null
        and coalesce(collected_from, 'browser') = 'browser'

),

{% if is_incremental() %}
{%- set since = incremental_since('source_loaded_at') %}
changed_identities as (

    select anonymous_id as identity_value
    from {{ ref('stg_segment__identifies') }}
    where received_at > {{ since }} and anonymous_id is not null

    union

    select distinct_id as identity_value
    from {{ ref('stg_posthog__persons') }}
    where loaded_at > {{ since }}

    union

    select coalesce(anonymous_id, distinct_id) as identity_value
    from {{ ref('int_events_unioned') }}
    where
        source_loaded_at > {{ since }}
        and (
            (anonymous_id is not null and source_user_id is not null)
            or source_event_name = '$identify'
        )

),

affected_actors as (

    select actor_id from eligible_events
    where source_loaded_at > {{ since }}

    union

    {#- The actor an anonymous or distinct id resolves to now: its user, else itself. #}
    select coalesce(identities.user_id, changed_identities.identity_value) as actor_id
    from changed_identities
    left join {{ ref('int_identities_mapped') }} as identities
        on changed_identities.identity_value = identities.identity_value

    union

    select previous.actor_id
    from {{ this }} as previous
    inner join changed_identities
        on
            coalesce(previous.anonymous_id, previous.distinct_id)
            = changed_identities.identity_value

),

affected_ids as (

    {#- Every id whose events can belong to an affected actor: the ids mapped to an affected
        user, and the actors themselves (a user id, or an unresolved anonymous / distinct
        id). #}
    select identities.identity_value
    from {{ ref('int_identities_mapped') }} as identities
    inner join affected_actors
        on identities.user_id = affected_actors.actor_id

    union

    select actor_id as identity_value from affected_actors

),

candidate_events as (

    {#- One keyed pass over the stream's own id columns, so that only these candidates go
        through the identity joins (not every event of history, as reading
        int_events_identified would). #}
    select * from {{ ref('int_events_unioned') }}
    where
        source_user_id in (select affected_actors.actor_id from affected_actors)
        or anonymous_id in (select affected_ids.identity_value from affected_ids)
        or distinct_id in (select affected_ids.identity_value from affected_ids)

),

identified_candidates as (

    {{ identify_events('candidate_events') | indent(4) }}

),

events as (

    select identified_candidates.*
    from identified_candidates
    inner join affected_actors
        on identified_candidates.actor_id = affected_actors.actor_id
    where coalesce(identified_candidates.collected_from, 'browser') = 'browser'

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
        lag(event_at) over (
            partition by source_tool, actor_id
            order by event_at, event_key
        ) as previous_event_at
    from session_keys

),

inactivity_sessions as (

    select
        *,
        sum(
            case
                when previous_event_at is null then 1
                when event_at >= {{ dbt.dateadd(
                    'minute', var('session_inactivity_minutes'), 'previous_event_at') }} then 1
                else 0
            end
        ) over (
            partition by source_tool, actor_id
            order by event_at, event_key
            rows between unbounded preceding and current row
        ) as inactivity_session_number
    from gaps

),

capped as (

    select
        *,
        floor(
            {{ dbt.datediff(
                'min(event_at) over (partition by source_tool, actor_id, inactivity_session_number)',
                'event_at',
                'second'
            ) }} / ({{ var('session_max_hours') }} * 3600)
        ) as cap_number
    from inactivity_sessions

),

sessions as (

    select
        *,
        min(event_at) over (
            partition by source_tool, actor_id, inactivity_session_number, cap_number
        ) as session_started_at
    from capped

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
    events.actor_id,
    events.user_id,
    events.anonymous_id,
    events.distinct_id,
    events.tenant_id,
    events.url,
    events.page_path,
    events.event_at,
    sessions.session_started_at,
    events.source_loaded_at
from sessions
inner join events
    on sessions.event_key = events.event_key
