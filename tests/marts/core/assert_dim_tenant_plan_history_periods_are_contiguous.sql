{#- The periods of a tenant tile time without gaps: each period ends exactly where the
    tenant's next period starts, so a lookup at any t after the first period start finds a
    plan. Returns each period whose valid_to is not the next period's valid_from. -#}
with

periods as (

    select
        *,
        lead(valid_from) over (
            partition by tenant_id order by valid_from
        ) as next_valid_from
    from {{ ref('dim_tenant_plan_history') }}

)

select
    tenant_id,
    tenant_plan_period_id,
    valid_from,
    valid_to,
    next_valid_from
from periods
where
    (next_valid_from is null and valid_to is not null)
    or (next_valid_from is not null and (valid_to is null or valid_to != next_valid_from))
