{#-
    One row per anonymous identifier (Segment anonymous_id, PostHog distinct_id) with the
    product user it resolves to and the evidence for it (metrics.md, Identity):
    - Segment: an anonymous_id belongs to the user_id it was first identified as, on any
      non-quarantined identifies or event row carrying both ids (`segment_identify`,
      `segment_event`). `candidate_user_count` > 1 flags a shared device.
    - PostHog: distinct_id -> its current person (the persons row with the highest
      person_distinct_id_version; none when that row is deleted) -> the user identified on that
      person (the distinct_id of the person's earliest `$identify`). The person_id written on
      events is stale after merges and is never used.
-#}
with

identifies as (

    select * from {{ ref('stg_segment__identifies') }}

),

segment_id_events as (

    {#- Pairs of ids seen together on stream rows, each at its earliest event time: the
        stream folded by int_identity_evidence, so this model does not read every event. #}
    select
        identity_value as anonymous_id,
        user_id as source_user_id,
        first_event_at as event_at
    from {{ ref('int_identity_evidence') }}
    where identity_type = 'segment_anonymous_id'

),

posthog_identify_events as (

    {#- Each distinct id's earliest `$identify`: the earliest per person is among these. #}
    select
        identity_value as distinct_id,
        first_identify_at as event_at
    from {{ ref('int_identity_evidence') }}
    where identity_type = 'posthog_distinct_id' and first_identify_at is not null

),

posthog_event_distinct_ids as (

    select identity_value as distinct_id
    from {{ ref('int_identity_evidence') }}
    where identity_type = 'posthog_distinct_id'

),

persons as (

    select * from {{ ref('stg_posthog__persons') }}

),

segment_link_events as (

    select
        anonymous_id,
        user_id,
        event_at,
        'segment_identify' as evidence,
        1 as evidence_priority
    from identifies
    where
        quarantine_reason is null
        and anonymous_id is not null
        and user_id is not null

    union all

    select
        anonymous_id,
        source_user_id as user_id,
        event_at,
        'segment_event' as evidence,
        2 as evidence_priority
    from segment_id_events

),

segment_links as (

    {#- One row per anonymous id, user and kind of evidence, at its earliest time: the first
        link of an anonymous id is among these, and the window below ranks thousands of rows
        instead of every event that carries both ids. #}
    select
        anonymous_id,
        user_id,
        evidence,
        evidence_priority,
        min(event_at) as event_at
    from segment_link_events
    group by anonymous_id, user_id, evidence, evidence_priority

),

segment_ranked as (

    select
        anonymous_id,
        user_id,
        event_at,
        evidence,
        row_number() over (
            partition by anonymous_id
            order by event_at, evidence_priority, user_id
        ) as link_rank
    from segment_links

),

segment_candidates as (

    select
        anonymous_id,
        count(distinct user_id) as candidate_user_count
    from segment_links
    group by anonymous_id

),

segment_map as (

    select
        'segment_anonymous_id' as identity_type,
        segment_ranked.anonymous_id as identity_value,
        segment_ranked.user_id,
        cast(null as {{ dbt.type_string() }}) as person_id,
        segment_ranked.evidence,
        segment_candidates.candidate_user_count,
        segment_ranked.event_at as linked_at
    from segment_ranked
    inner join segment_candidates
        on segment_ranked.anonymous_id = segment_candidates.anonymous_id
    where segment_ranked.link_rank = 1

),

person_versions as (

    select
        distinct_id,
        person_id,
        is_deleted,
        row_number() over (
            partition by distinct_id
            order by person_distinct_id_version desc, loaded_at desc
        ) as version_rank
    from persons

),

current_persons as (

    select
        distinct_id,
        case when not is_deleted then person_id end as person_id,
        is_deleted
    from person_versions
    where version_rank = 1

),

person_users_ranked as (

    select
        current_persons.person_id,
        posthog_identify_events.distinct_id as user_id,
        posthog_identify_events.event_at,
        row_number() over (
            partition by current_persons.person_id
            order by posthog_identify_events.event_at, posthog_identify_events.distinct_id
        ) as identify_rank
    from posthog_identify_events
    inner join current_persons
        on posthog_identify_events.distinct_id = current_persons.distinct_id
    where current_persons.person_id is not null

),

person_candidates as (

    select
        person_id,
        count(distinct user_id) as candidate_user_count
    from person_users_ranked
    group by person_id

),

person_users as (

    select
        person_users_ranked.person_id,
        person_users_ranked.user_id,
        person_users_ranked.event_at as identified_at,
        person_candidates.candidate_user_count
    from person_users_ranked
    inner join person_candidates
        on person_users_ranked.person_id = person_candidates.person_id
    where person_users_ranked.identify_rank = 1

),

posthog_distinct_ids as (

    select distinct_id from current_persons
    union
    select distinct_id from posthog_event_distinct_ids

),

posthog_map as (

    select
        'posthog_distinct_id' as identity_type,
        posthog_distinct_ids.distinct_id as identity_value,
        person_users.user_id,
        current_persons.person_id,
        case
            when current_persons.distinct_id is null then 'posthog_no_person_row'
            when current_persons.is_deleted then 'posthog_person_deleted'
            when person_users.user_id is null then 'posthog_person_not_identified'
            else 'posthog_person_identified'
        end as evidence,
        coalesce(person_users.candidate_user_count, 0) as candidate_user_count,
        person_users.identified_at as linked_at
    from posthog_distinct_ids
    left join current_persons
        on posthog_distinct_ids.distinct_id = current_persons.distinct_id
    left join person_users
        on current_persons.person_id = person_users.person_id

),

unioned as (

    select * from segment_map
    union all
    select * from posthog_map

)

select
    {{ dbt.concat(["identity_type", "':'", "identity_value"]) }} as identity_key,
    identity_type,
    identity_value,
    user_id,
    person_id,
    evidence,
    candidate_user_count,
    user_id is not null as is_resolved,
    linked_at
from unioned
