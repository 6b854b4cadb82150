{#- Two plan periods of one tenant must never overlap: at any time t a tenant has at most one
    plan. Periods are [valid_from, valid_to), valid_to null = open-ended. Returns each
    overlapping pair once. -#}
with

periods as (

    select * from {{ ref('dim_tenant_plan_history') }}

)

select
    earlier.tenant_id,
    earlier.tenant_plan_period_id as earlier_period_id,
    later.tenant_plan_period_id as later_period_id,
    earlier.valid_from as earlier_valid_from,
    earlier.valid_to as earlier_valid_to,
    later.valid_from as later_valid_from,
    later.valid_to as later_valid_to
from periods as earlier
inner join periods as later
    on
        earlier.tenant_id = later.tenant_id
        and earlier.tenant_plan_period_id != later.tenant_plan_period_id
        and earlier.valid_from <= later.valid_from
        and (earlier.valid_to is null or later.valid_from < earlier.valid_to)
