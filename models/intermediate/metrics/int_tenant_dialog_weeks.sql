{#- The weeks in which each tenant has started dialogs: one row per tenant and week
    (int_dialogs_started by start). int_usage_intensity_weekly reads it to know whose plan
    changes can touch a week. Incremental (append): the pairs of dialogs loaded since the
    last run (minus the lookback) that are not here yet. A pair is never removed: when a
    late retry moves a tenant's only dialog of a week to an earlier week, the old pair stays
    (harmless: a plan change of that tenant then also recomputes that week). -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
) }}

with

loaded_dialogs as (

    select * from {{ ref('int_dialogs_started') }}
    {% if is_incremental() %}
    where last_loaded_at > {{ incremental_since('last_loaded_at') }}
    {% endif %}

),

new_pairs as (

    select
        tenant_id,
        {{ week_start('started_at') }} as activity_week,
        max(last_loaded_at) as last_loaded_at
    from loaded_dialogs
    where tenant_id is not null and started_at is not null
    group by tenant_id, {{ week_start('started_at') }}

)

select new_pairs.*
from new_pairs
{% if is_incremental() %}
left join {{ this }} as stored_pairs
    on
        new_pairs.tenant_id = stored_pairs.tenant_id
        and new_pairs.activity_week = stored_pairs.activity_week
where stored_pairs.tenant_id is null
{% endif %}
