{#- Every tenant of the plan history has exactly one current period (the open-ended one), so
    dim_tenants.current_plan is defined and unique. Returns each tenant with another count. -#}
select
    tenant_id,
    count(case when is_current then 1 end) as current_periods
from {{ ref('dim_tenant_plan_history') }}
group by tenant_id
having count(case when is_current then 1 end) != 1
