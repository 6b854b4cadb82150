{#- The usage-intensity aggregates behind mart_usage_intensity_weekly, one row per week × plan
    with dialogs. Incremental by week: a run recomputes only the weeks that its new rows touch.
    - Dialogs: int_dialogs_started rows loaded since this model's watermark (its rows'
      `last_loaded_at`, minus the lookback) touch the weeks from their start to their last
      send: a late retry with an earlier time moves a start back, and the start it replaced
      was one of the sends.
    - Plans: a tenant's plan anywhere in week W follows from its plan periods that start
      before the week ends. Each row keeps the count and checksum (hash_integer) of those
      periods of the tenants with dialogs in its week (int_tenant_dialog_weeks); a week where
      they changed is recomputed (a late groups call at T changes them for the tenant's
      weeks from T's on; a new tenant's signup period, from 1970, only for its own weeks).
    A touched week left without dialogs is written as an empty marker row (its old rows go
    by the delete+insert on activity_week) that the post-hook deletes. -#}
{{ config(
    materialized=upsert_materialization(),
    incremental_strategy='delete+insert',
    unique_key='activity_week',
    on_schema_change='fail',
    post_hook="{% if is_incremental() %}delete from {{ this }} where dialogs = 0{% endif %}",
) }}

with

{#- Read up to three times (changed dialogs, candidate weeks, the recomputed weeks' dialogs):
    inlined, so that each read filters int_dialogs_started itself instead of a copy of it. #}
dialogs as {{ not_materialized() }} (

    select * from {{ ref('int_dialogs_started') }}
    where started_at is not null

),

plan_history as (

    select * from {{ ref('dim_tenant_plan_history') }}

),

{% if is_incremental() %}
changed_dialogs as (

    select distinct
        {{ week_start('started_at') }} as first_week,
        {{ week_start('last_sent_at') }} as last_week
    from dialogs
    where last_loaded_at > {{ incremental_since('last_loaded_at') }}

),

stored_weeks as (

    select distinct
        activity_week,
        plan_periods,
        plan_periods_checksum
    from {{ this }}

),

{% endif %}
candidate_weeks as (

    {% if is_incremental() %}
    select first_week as activity_week from changed_dialogs
    union
    select activity_week from stored_weeks
    {% else %}
    select distinct {{ week_start('started_at') }} as activity_week from dialogs
    {% endif %}

),

{# The plan state of each candidate week: the plan periods, starting before the week ends,
    of the tenants with dialogs in the week. #}
week_plan_states as (

    select
        candidate_weeks.activity_week,
        count(plan_history.tenant_id) as plan_periods,
        coalesce(sum({{ hash_integer([
            'plan_history.tenant_id', 'plan_history.plan', 'plan_history.valid_from'
        ]) }}), 0) as plan_periods_checksum
    from candidate_weeks
    left join {{ ref('int_tenant_dialog_weeks') }} as tenant_weeks
        on candidate_weeks.activity_week = tenant_weeks.activity_week
    left join plan_history
        on
            tenant_weeks.tenant_id = plan_history.tenant_id
            and plan_history.valid_from
            < {{ dbt.dateadd('day', 7, 'cast(candidate_weeks.activity_week as '
                ~ dbt.type_timestamp() ~ ')') }}
    group by candidate_weeks.activity_week

),

recomputed_weeks as (

    select week_plan_states.*
    from week_plan_states
    {% if is_incremental() %}
    left join stored_weeks
        on week_plan_states.activity_week = stored_weeks.activity_week
    where
        stored_weeks.activity_week is null
        or stored_weeks.plan_periods != week_plan_states.plan_periods
        or stored_weeks.plan_periods_checksum != week_plan_states.plan_periods_checksum
        or exists (
            select 1 from changed_dialogs
            where
                week_plan_states.activity_week >= changed_dialogs.first_week
                and week_plan_states.activity_week <= changed_dialogs.last_week
        )
    {% endif %}

),

{# The plan of each dialog of a recomputed week: the tenant's plan at the dialog's start
    ('unknown' when the tenant has none). #}
dialog_plans as (

    select
        dialogs.dialog_id,
        dialogs.agent_id,
        dialogs.last_loaded_at,
        recomputed_weeks.activity_week,
        coalesce(plan_history.plan, 'unknown') as plan
    from dialogs
    inner join recomputed_weeks
        on {{ week_start('dialogs.started_at') }} = recomputed_weeks.activity_week
    left join plan_history
        on
            dialogs.tenant_id = plan_history.tenant_id
            and dialogs.started_at >= plan_history.valid_from
            and dialogs.started_at < {{ open_ended('plan_history.valid_to') }}
    {% if is_incremental() %}
    where dialogs.started_at >= (select min(weeks.activity_week) from recomputed_weeks as weeks)
    {% endif %}

),

aggregated as (

    select
        activity_week,
        plan,
        count(distinct agent_id) as active_agents,
        count(*) as dialogs,
        max(last_loaded_at) as last_loaded_at
    from dialog_plans
    group by activity_week, plan

)

select
    recomputed_weeks.activity_week,
    aggregated.plan,
    coalesce(aggregated.active_agents, 0) as active_agents,
    coalesce(aggregated.dialogs, 0) as dialogs,
    cast(aggregated.dialogs as {{ type_double() }}) / nullif(aggregated.active_agents, 0)
        as dialogs_per_active_agent,
    aggregated.last_loaded_at,
    recomputed_weeks.plan_periods,
    recomputed_weeks.plan_periods_checksum
{#- A recomputed week without dialogs keeps one marker row (dialogs 0), which replaces the
    week's old rows and which the post-hook deletes. #}
from recomputed_weeks
left join aggregated
    on recomputed_weeks.activity_week = aggregated.activity_week
