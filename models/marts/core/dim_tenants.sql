{#- One row per tenant (workspace) known from a signup or a `groups` call: its current plan,
    its signup plan and when a user of the tenant first published an agent (the tenant's
    retention cohort). The plan at any time t is in dim_tenant_plan_history. -#}
with

users as (

    select * from {{ ref('dim_users') }}

),

plan_history as (

    select * from {{ ref('dim_tenant_plan_history') }}

),

group_calls as (

    select * from {{ ref('stg_segment__groups') }}
    where quarantine_reason is null and tenant_id is not null

),

agent_publications as (

    select * from {{ ref('int_events_milestones_identified') }}
    where
        {{ milestone_filter(['agent_published']) }}
        and is_canonical_source
        and user_id is not null

),

tenant_ids as (

    select tenant_id from users
    where tenant_id is not null
    union
    select tenant_id from plan_history
    union
    select tenant_id from group_calls

),

current_plans as (

    select
        tenant_id,
        plan as current_plan
    from plan_history
    where is_current

),

signup_plans as (

    select
        tenant_id,
        plan as signup_plan
    from plan_history
    where plan_source = 'signup'

),

latest_names as (

    select
        tenant_id,
        tenant_name,
        row_number() over (
            partition by tenant_id
            order by event_at desc, received_at desc, group_call_id desc
        ) as name_rank
    from group_calls
    where tenant_name is not null

),

tenant_users as (

    select
        tenant_id,
        count(*) as signed_up_users,
        min(signup_at) as first_signup_at
    from users
    where tenant_id is not null
    group by tenant_id

),

first_agents as (

    select
        users.tenant_id,
        min(agent_publications.event_at) as first_agent_published_at
    from agent_publications
    inner join users
        on agent_publications.user_id = users.user_id
    where users.tenant_id is not null
    group by users.tenant_id

)

select
    tenant_ids.tenant_id,
    latest_names.tenant_name,
    coalesce(current_plans.current_plan, 'unknown') as current_plan,
    signup_plans.signup_plan,
    coalesce(tenant_users.signed_up_users, 0) as signed_up_users,
    tenant_users.first_signup_at,
    first_agents.first_agent_published_at
from tenant_ids
left join current_plans
    on tenant_ids.tenant_id = current_plans.tenant_id
left join signup_plans
    on tenant_ids.tenant_id = signup_plans.tenant_id
left join latest_names
    on tenant_ids.tenant_id = latest_names.tenant_id and latest_names.name_rank = 1
left join tenant_users
    on tenant_ids.tenant_id = tenant_users.tenant_id
left join first_agents
    on tenant_ids.tenant_id = first_agents.tenant_id
