{#- One row per published agent: its first canonical `agent_published` (who published it,
    when, on which channel and model). The agent's tenant is the publisher's tenant (their
    signup workspace), else the tenant_id the event carries. -#}
with

publications as (

    select * from {{ ref('int_events_milestones_identified') }}
    where
        {{ milestone_filter(['agent_published']) }}
        and is_canonical_source
        and agent_id is not null

),

users as (

    select * from {{ ref('dim_users') }}

),

ranked as (

    select
        *,
        row_number() over (partition by agent_id order by event_at, event_key) as publish_rank,
        count(*) over (partition by agent_id) as publish_count,
        max(event_at) over (partition by agent_id) as last_published_at
    from publications

)

select
    ranked.agent_id,
    coalesce(users.tenant_id, ranked.tenant_id) as tenant_id,
    ranked.user_id as published_by_user_id,
    ranked.channel,
    ranked.llm_model,
    ranked.knowledge_items,
    ranked.publish_count,
    ranked.event_at as first_published_at,
    ranked.last_published_at
from ranked
left join users
    on ranked.user_id = users.user_id
where ranked.publish_rank = 1
