{#- One row per support request (metrics.md, Support load): a Zendesk ticket, or a canonical
    `support_request_created` event; an event whose ticket_id matches a ticket is the same
    request, counted once at the earlier of the two times. The requester is the Zendesk user's
    external_id, else the event's user. The tenant is the requester's (their signup
    workspace), else the tenant_id the event carries; the plan is that tenant's plan at the
    request time, `unknown` when no tenant or plan is known. -#}
with

tickets as (

    select * from {{ ref('stg_zendesk__tickets') }}
    where not is_deleted

),

zendesk_users as (

    select * from {{ ref('stg_zendesk__users') }}

),

request_events as (

    {#- The ticket id as the Zendesk id reads as text, also when it was sent as a number and
        stored as one with a fractional part ('40002.0'). #}
    select
        {{ integral_text('ticket_id') }} as ticket_id,
        user_id,
        tenant_id,
        event_at,
        event_key
    from {{ ref('int_events_milestones_identified') }}
    where
        {{ milestone_filter(['support_request_created']) }}
        and is_canonical_source
        and ticket_id is not null

),

users as (

    select * from {{ ref('dim_users') }}

),

plan_history as (

    select * from {{ ref('dim_tenant_plan_history') }}

),

zendesk_requests as (

    select
        cast(tickets.ticket_id as {{ dbt.type_string() }}) as ticket_id,
        zendesk_users.user_id as requester_user_id,
        tickets.created_at
    from tickets
    left join zendesk_users
        on tickets.requester_id = zendesk_users.zendesk_user_id

),

events_ranked as (

    select
        ticket_id,
        user_id,
        tenant_id,
        event_at,
        row_number() over (partition by ticket_id order by event_at, event_key) as event_rank
    from request_events

),

event_requests as (

    select
        ticket_id,
        user_id as requester_user_id,
        tenant_id,
        event_at as created_at
    from events_ranked
    where event_rank = 1

),

matched as (

    select
        coalesce(zendesk_requests.ticket_id, event_requests.ticket_id) as ticket_id,
        case
            when zendesk_requests.ticket_id is not null and event_requests.ticket_id is not null
                then 'zendesk_and_event'
            when zendesk_requests.ticket_id is not null then 'zendesk_only'
            else 'event_only'
        end as request_source,
        coalesce(zendesk_requests.requester_user_id, event_requests.requester_user_id)
            as requester_user_id,
        event_requests.tenant_id as event_tenant_id,
        case
            when event_requests.created_at is null then zendesk_requests.created_at
            when zendesk_requests.created_at is null then event_requests.created_at
            when event_requests.created_at < zendesk_requests.created_at
                then event_requests.created_at
            else zendesk_requests.created_at
        end as requested_at
    from zendesk_requests
    full outer join event_requests
        on zendesk_requests.ticket_id = event_requests.ticket_id

),

attributed as (

    select
        matched.ticket_id,
        matched.request_source,
        matched.requester_user_id,
        {#- A requester without a canonical signup has no tenant of their own; the event
            names the tenant it was raised for (tenant_id is a required property). A request
            whose requester can't be resolved stays without tenant: its plan is `unknown`. #}
        case
            when matched.requester_user_id is not null
                then coalesce(users.tenant_id, matched.event_tenant_id)
        end as tenant_id,
        matched.requested_at
    from matched
    left join users
        on matched.requester_user_id = users.user_id

)

select
    attributed.ticket_id as support_request_id,
    attributed.request_source,
    attributed.requester_user_id,
    attributed.tenant_id,
    coalesce(plan_history.plan, 'unknown') as plan,
    attributed.requested_at
from attributed
left join plan_history
    on
        attributed.tenant_id = plan_history.tenant_id
        and attributed.requested_at >= plan_history.valid_from
        and attributed.requested_at < {{ open_ended('plan_history.valid_to') }}
