{#- One row per tenant and plan period: the plan valid from `valid_from` (inclusive) until
    `valid_to` (exclusive; null for the current plan). A tenant's plan at time t is the `plan`
    trait of its latest `groups` call at or before t; before any call it is the plan of the
    tenant's first signup (that period starts at 1970-01-01). A groups call without a plan
    trait changes nothing; consecutive calls with the same plan are one period. -#}
with

registered as (

    select * from {{ ref('int_users_registered') }}

),

group_calls as (

    select * from {{ ref('stg_segment__groups') }}
    where
        quarantine_reason is null
        and tenant_id is not null
        and nullif(plan, '') is not null

),

founding_signups as (

    select
        tenant_id,
        plan,
        row_number() over (partition by tenant_id order by signup_at, user_id) as signup_rank
    from registered
    where tenant_id is not null and nullif(plan, '') is not null

),

plan_events as (

    select
        tenant_id,
        plan,
        'signup' as plan_source,
        cast('1970-01-01' as {{ dbt.type_timestamp() }}) as valid_from,
        cast(null as {{ dbt.type_timestamp() }}) as received_at,
        cast(null as {{ dbt.type_string() }}) as group_call_id
    from founding_signups
    where signup_rank = 1

    union all

    select
        tenant_id,
        plan,
        'groups' as plan_source,
        event_at as valid_from,
        received_at,
        group_call_id
    from group_calls

),

ordered as (

    select
        *,
        lag(plan) over (
            partition by tenant_id
            order by valid_from, received_at, group_call_id
        ) as previous_plan
    from plan_events

),

changes as (

    select *
    from ordered
    where previous_plan is null or plan != previous_plan

),

periods as (

    select
        tenant_id,
        plan,
        plan_source,
        group_call_id,
        valid_from,
        lead(valid_from) over (
            partition by tenant_id
            order by valid_from, received_at, group_call_id
        ) as valid_to
    from changes

)

select
    {{ dbt.concat(["tenant_id", "'|'", "cast(valid_from as " ~ dbt.type_string() ~ ")"]) }}
        as tenant_plan_period_id,
    tenant_id,
    plan,
    plan_source,
    group_call_id,
    valid_to is null as is_current,
    valid_from,
    valid_to
from periods
{#- Two calls at the same instant leave a zero-length period: the later-received one wins. #}
where valid_to is null or valid_to > valid_from
