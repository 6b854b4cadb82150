-- Bare engine: two marts computed straight from the raw tables, by hand, in plain DuckDB SQL.
-- scripts/benchmark runs each statement (the file is split on semicolons, so none may appear
-- in a comment or a string) and compares bare.<mart> with marts.<mart> row for row, so the
-- rules are exactly those of the dbt models (their full-refresh result), in as few passes as
-- possible:
--   Segment: first delivery per id by (received_at, uuid_ts, schema), quarantined when its
--     timestamp is null or more than 24 h after received_at, or when a property that
--     seeds/tracking_plan.csv requires is null or empty (hardcoded below).
--   PostHog: first export per uuid by (_inserted_at, created_at), quarantined on invalid
--     properties JSON, on the same time rule against created_at, or on a missing property.
--   Vercel: one event per staging key, timestamp not null.
--   Identity: a Segment signup without user_id belongs to the user its anonymous_id was first
--     linked to (identifies before event rows at the same time, then the smaller user_id).
--   Tenant plan at t: plan of the latest groups call at or before t (of calls at one instant,
--     the last received), else the plan of the tenant's first signup of a resolved user
--     (from 1970-01-01 on), else unknown.
-- Speed: page views keep a message's first delivery with arg_min over a HUGEINT that packs
-- the two ordering timestamps (nulls last), much cheaper than a window. Dialog properties are
-- parsed once per export. The plan lookup closes the open period with 'infinity' so that the
-- join is a hash join on tenant_id (mart_usage_intensity_weekly's `valid_to is null` in an OR
-- makes DuckDB plan a nested-loop join, quadratic in dialogs x plan periods).
-- The tables read are those the sample-data generator writes: pages, groups and the browser
-- event tables in segment_web, support_request_created in segment_backend, identifies and
-- tracks in both. A schema holding other tables needs its own select here.
-- Times are read as UTC whatever the machine's zone (dbt's profile sets the same).

set TimeZone = 'UTC';

create or replace table bare.mart_pageviews_reconciliation_daily as
with

segment_pages as (

    select date_day, count(*) as page_views
    from (
        select
            arg_min_null(
                case
                    when
                        "timestamp" is not null
                        and not coalesce(
                            cast("timestamp" as timestamp)
                            > cast(received_at as timestamp) + interval 24 hour,
                            false
                        )
                        and coalesce(url, '') != ''
                        then cast(cast("timestamp" as timestamp) as date)
                end,
                coalesce(epoch_us(received_at), 9223372036854775807)::hugeint
                * 18446744073709551616
                + coalesce(epoch_us(uuid_ts), 9223372036854775807) + 9223372036854775808
            ) as date_day
        from segment_web.pages
        group by id
    ) as first_deliveries
    where date_day is not null
    group by date_day

),

posthog_pages as (

    select date_day, count(*) as page_views
    from (
        select
            arg_min_null(
                case
                    when
                        "timestamp" is not null
                        and not coalesce(
                            cast("timestamp" as timestamp)
                            > cast(created_at as timestamp) + interval 24 hour,
                            false
                        )
                        and case
                            when event = 'page' then properties is null or json_valid(properties)
                            when json_valid(properties)
                                then
                                    coalesce(
                                        json_extract_string(properties, '$."$current_url"'), ''
                                    )
                                    != ''
                            else false
                        end
                        then cast(cast("timestamp" as timestamp) as date)
                end,
                coalesce(epoch_us(_inserted_at), 9223372036854775807)::hugeint
                * 18446744073709551616
                + coalesce(epoch_us(created_at), 9223372036854775807) + 9223372036854775808
            ) as date_day
        from posthog.events
        where event in ('$pageview', 'page')
        group by uuid
    ) as first_exports
    where date_day is not null
    group by date_day

),

-- Staging keys a Vercel event by its fields joined with '|': for fields without '|' that is
-- the same as the tuple of the fields (cheaper), for the others the joined text is the key.
vercel_events as (

    select
        "timestamp" as ts,
        project_id,
        session_id,
        device_id,
        path,
        route,
        coalesce(contains(project_id, '|') or contains(path, '|') or contains(route, '|'), false)
            as has_separator
    from vercel.analytics_events
    where event_type = 'pageview' and "timestamp" is not null

),

vercel_pages as (

    select cast(make_timestamp(ts * 1000) as date) as date_day, count(*) as page_views
    from (
        select ts
        from (
            select distinct
                ts, coalesce(project_id, ''), session_id, device_id, coalesce(path, ''),
                coalesce(route, '')
            from vercel_events
            where not has_separator
        ) as plain_keys
        union all
        select ts
        from (
            select distinct
                ts,
                coalesce(project_id, '') || '|' || coalesce(cast(session_id as varchar), '')
                || '|' || coalesce(cast(device_id as varchar), '') || '|' || coalesce(path, '')
                || '|' || coalesce(route, '')
            from vercel_events
            where has_separator
        ) as joined_keys
    ) as events
    group by date_day

),

counts as (

    select date_day, page_views as segment_page_views, 0 as posthog_page_views,
        0 as vercel_page_views
    from segment_pages
    union all
    select date_day, 0, page_views, 0 from posthog_pages
    union all
    select date_day, 0, 0, page_views from vercel_pages

),

daily as (

    select
        date_day,
        cast(sum(segment_page_views) as bigint) as segment_page_views,
        cast(sum(posthog_page_views) as bigint) as posthog_page_views,
        cast(sum(vercel_page_views) as bigint) as vercel_page_views
    from counts
    group by date_day

)

select
    *,
    abs(posthog_page_views - vercel_page_views) / cast(nullif(vercel_page_views, 0) as double)
        as posthog_vs_vercel_deviation,
    coalesce(
        abs(posthog_page_views - vercel_page_views) / cast(nullif(vercel_page_views, 0) as double)
        > 0.15,
        false
    ) as is_flagged
from daily;

create or replace table bare.mart_usage_intensity_weekly as
with

-- Signups: first delivery per id, not quarantined (plan, source and workspace_id required).
signups as (

    select
        id,
        anonymous_id,
        user_id,
        workspace_id as tenant_id,
        plan,
        cast("timestamp" as timestamp) as event_at
    from (
        select *
        from segment_web.signup_completed
        qualify row_number() over (partition by id order by received_at, uuid_ts) = 1
    ) as first_deliveries
    where
        "timestamp" is not null
        and not coalesce("timestamp" > received_at + interval 24 hour, false)
        and coalesce(workspace_id, '') != ''
        and coalesce(plan, '') != ''
        and coalesce("source", '') != ''

),

-- Only the anonymous ids of signups without a user_id need resolving.
wanted as (

    select distinct anonymous_id from signups
    where user_id is null and anonymous_id is not null

),

-- Rows carrying both ids whose anonymous id is wanted, from every Segment table of the
-- event stream plus identifies. Deliveries of one message share their ids, so filtering on
-- the anonymous id before keeping the first delivery is exact.
link_rows as (

    select 'segment_web' as sch, 1 as evidence_priority, id, anonymous_id, user_id, "timestamp",
        received_at, uuid_ts, true as has_properties
    from segment_web.identifies where anonymous_id in (select anonymous_id from wanted)
    union all
    select 'segment_backend', 1, id, anonymous_id, user_id, "timestamp", received_at, uuid_ts,
        true
    from segment_backend.identifies where anonymous_id in (select anonymous_id from wanted)
    union all
    select 'segment_web', 2, 'tw' || id, anonymous_id, user_id, "timestamp", received_at, uuid_ts,
        event is null or event not in (
            'page', 'signup_completed', 'onboarding_completed', 'agent_published',
            'knowledge_uploaded', 'integration_connected', 'support_request_created',
            'dialog_started'
        )
    from segment_web.tracks where anonymous_id in (select anonymous_id from wanted)
    union all
    select 'segment_backend', 2, 'tw' || id, anonymous_id, user_id, "timestamp", received_at,
        uuid_ts,
        event is null or event not in (
            'page', 'signup_completed', 'onboarding_completed', 'agent_published',
            'knowledge_uploaded', 'integration_connected', 'support_request_created',
            'dialog_started'
        )
    from segment_backend.tracks where anonymous_id in (select anonymous_id from wanted)
    union all
    select 'segment_web', 2, 'pg' || id, anonymous_id, user_id, "timestamp", received_at, uuid_ts,
        coalesce(url, context_page_url, '') != ''
    from segment_web.pages where anonymous_id in (select anonymous_id from wanted)
    union all
    select 'segment_web', 2, 'su' || id, anonymous_id, user_id, "timestamp", received_at, uuid_ts,
        coalesce(workspace_id, '') != '' and coalesce(plan, '') != ''
        and coalesce("source", '') != ''
    from segment_web.signup_completed where anonymous_id in (select anonymous_id from wanted)
    union all
    select 'segment_web', 2, 'oc' || id, anonymous_id, user_id, "timestamp", received_at, uuid_ts,
        coalesce(tenant_id, '') != '' and duration_minutes is not null
        and touchpoints is not null
    from segment_web.onboarding_completed where anonymous_id in (select anonymous_id from wanted)
    union all
    select 'segment_web', 2, 'ap' || id, anonymous_id, user_id, "timestamp", received_at, uuid_ts,
        coalesce(agent_id, '') != '' and coalesce(channel, '') != ''
        and coalesce(llm_model, '') != '' and knowledge_items is not null
    from segment_web.agent_published where anonymous_id in (select anonymous_id from wanted)
    union all
    select 'segment_web', 2, 'ku' || id, anonymous_id, user_id, "timestamp", received_at, uuid_ts,
        coalesce(tenant_id, '') != '' and coalesce("type", '') != '' and size_kb is not null
        and chunk_count is not null
    from segment_web.knowledge_uploaded where anonymous_id in (select anonymous_id from wanted)
    union all
    select 'segment_web', 2, 'ic' || id, anonymous_id, user_id, "timestamp", received_at, uuid_ts,
        coalesce(tenant_id, '') != '' and coalesce(integration, '') != ''
        and coalesce(status, '') != ''
    from segment_web.integration_connected where anonymous_id in (select anonymous_id from wanted)
    union all
    select 'segment_backend', 2, 'sr' || id, anonymous_id, user_id, "timestamp", received_at,
        uuid_ts,
        coalesce(tenant_id, '') != '' and coalesce(ticket_id, '') != ''
        and coalesce(channel, '') != ''
    from segment_backend.support_request_created
    where anonymous_id in (select anonymous_id from wanted)

),

-- id is prefixed per staged model: a message is deduplicated within its own model.
links as (

    select
        anonymous_id,
        arg_min(user_id, (cast("timestamp" as timestamp), evidence_priority, user_id)) as user_id
    from (
        select *
        from link_rows
        qualify row_number() over (
            partition by evidence_priority, id order by received_at, uuid_ts, sch
        ) = 1
    ) as first_deliveries
    where
        has_properties
        and user_id is not null
        and "timestamp" is not null
        and not coalesce("timestamp" > received_at + interval 24 hour, false)
    group by anonymous_id

),

-- A user's signup is their first (by time, then event key): it fixes tenant and plan.
registered as (

    select
        coalesce(signups.user_id, links.user_id) as user_id,
        arg_min(signups.tenant_id, (signups.event_at, signups.id)) as tenant_id,
        arg_min(signups.plan, (signups.event_at, signups.id)) as plan,
        min(signups.event_at) as signup_at
    from signups
    left join links on signups.anonymous_id = links.anonymous_id
    where coalesce(signups.user_id, links.user_id) is not null
    group by all

),

founding_plans as (

    select
        tenant_id,
        arg_min(plan, (signup_at, user_id)) as plan,
        cast('1970-01-01' as timestamp) as valid_from,
        cast(null as timestamp) as received_at,
        cast(null as varchar) as group_call_id
    from registered
    group by tenant_id

),

group_calls as (

    select
        group_id as tenant_id,
        plan,
        cast("timestamp" as timestamp) as valid_from,
        cast(received_at as timestamp) as received_at,
        id as group_call_id
    from (
        select *
        from segment_web.groups
        qualify row_number() over (partition by id order by received_at, uuid_ts) = 1
    ) as first_deliveries
    where
        "timestamp" is not null
        and not coalesce("timestamp" > received_at + interval 24 hour, false)
        and group_id is not null
        and coalesce(plan, '') != ''

),

-- One plan per tenant and instant: of calls at the same instant, the last in
-- (received_at, id) order wins, as in dim_tenant_plan_history.
plan_changes as (

    select tenant_id, plan, valid_from
    from (select * from founding_plans union all select * from group_calls) as plan_events
    qualify row_number() over (
        partition by tenant_id, valid_from
        order by received_at desc nulls first, group_call_id desc nulls first
    ) = 1

),

-- Dialogs: dialog_started exports, first per uuid by (_inserted_at, created_at), not quarantined
-- (dialog_id, agent_id, tenant_id or workspace_id, channel required), then each dialog once,
-- at its first send by (timestamp, uuid). The properties are parsed once, below the window.
dialog_exports as (

    select *
    from (
        select
            uuid,
            _inserted_at,
            created_at,
            cast("timestamp" as timestamp) as event_at,
            cast(created_at as timestamp) as ingested_at,
            case
                when json_valid(properties)
                    then json_extract_string(
                        properties,
                        [
                            '$."dialog_id"', '$."agent_id"', '$."tenant_id"', '$."workspace_id"',
                            '$."channel"'
                        ]
                    )
            end as p
        from posthog.events
        where event = 'dialog_started'
    ) as parsed
    qualify row_number() over (partition by uuid order by _inserted_at, created_at) = 1

),

dialog_sends as (

    select
        uuid,
        event_at,
        p[1] as dialog_id,
        p[2] as agent_id,
        coalesce(p[3], p[4]) as tenant_id
    from dialog_exports
    where
        event_at is not null
        and not coalesce(event_at > ingested_at + interval 24 hour, false)
        and coalesce(p[1], '') != ''
        and coalesce(p[2], '') != ''
        and coalesce(p[3], p[4], '') != ''
        and coalesce(p[5], '') != ''

),

dialogs as (

    select
        dialog_id,
        first(agent_id order by event_at, uuid) as agent_id,
        first(tenant_id order by event_at, uuid) as tenant_id,
        min(event_at) as started_at
    from dialog_sends
    group by dialog_id

),

-- The plan periods of each tenant, the last one closed at 'infinity' (see the header).
plan_periods as (

    select
        tenant_id,
        plan,
        valid_from,
        coalesce(
            lead(valid_from) over (partition by tenant_id order by valid_from),
            cast('infinity' as timestamp)
        ) as valid_to
    from plan_changes

),

dialog_plans as (

    select
        cast(date_trunc('week', dialogs.started_at) as date) as activity_week,
        coalesce(plan_periods.plan, 'unknown') as plan,
        dialogs.agent_id
    from dialogs
    left join plan_periods
        on
            dialogs.tenant_id = plan_periods.tenant_id
            and dialogs.started_at >= plan_periods.valid_from
            and dialogs.started_at < plan_periods.valid_to

)

select
    activity_week,
    plan,
    count(distinct agent_id) as active_agents,
    count(*) as dialogs,
    cast(count(*) as double) / nullif(count(distinct agent_id), 0) as dialogs_per_active_agent
from dialog_plans
group by activity_week, plan
