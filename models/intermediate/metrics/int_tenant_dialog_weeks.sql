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

new_pairs as (

    select
        tenant_id,
        {{ week_start('started_at') }} as activity_week,
        max(last_loaded_at) as last_loaded_at
    from {{ ref('int_dialogs_started') }}
    {% if is_incremental() %}
    where last_loaded_at > {{ incremental_since('last_loaded_at') }}
    {% endif %}
    group by tenant_id, {{ week_start('started_at') }}

)

select new_pairs.*
from new_pairs
where
    new_pairs.tenant_id is not null
    and new_pairs.activity_week is not null
{%- if is_incremental() %}
    and not exists (
        select 1 from {{ this }} as stored
        where
            stored.tenant_id = new_pairs.tenant_id
            and stored.activity_week = new_pairs.activity_week
    )
{%- endif %}
