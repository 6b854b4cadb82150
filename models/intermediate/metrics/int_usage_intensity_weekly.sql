{#- The usage-intensity aggregates behind mart_usage_intensity_weekly, one row per week × plan
    with dialogs, kept up to date week by week: a run recomputes only the weeks whose inputs
    changed since the last run.
    A week's inputs are its dialogs (int_dialogs_started, by start) and the plan periods
    (dim_tenant_plan_history) of their tenants, clipped to the week. Their count and an
    order-independent checksum are stored on the week's rows (`week_input_rows`,
    `week_input_checksum`), and a run recomputes the weeks where they differ. That catches a
    late dialog, a retry that moves a dialog's start into another week (both weeks change),
    and a late groups call that changes the plan of dialogs weeks ago, with no load-time
    bookkeeping. Finding the weeks hashes four columns of every dialog; the plan lookup and
    the distinct counts, the expensive part, run for the changed weeks only. Weeks left
    without dialogs are deleted after the run. (An engine upgrade that hashes differently
    makes every week differ once: one full recompute.) -#}
{{ config(
    materialized=upsert_materialization(),
    incremental_strategy='delete+insert',
    unique_key='activity_week',
    on_schema_change='fail',
    post_hook="{% if is_incremental() %}
        delete from {{ this }} where activity_week not in (
            select {{ week_start('started_at') }} from {{ ref('int_dialogs_started') }}
            where started_at is not null
        )
        {% endif %}",
) }}

{%- set week_start_at = 'cast(tenant_weeks.activity_week as ' ~ dbt.type_timestamp() ~ ')' %}
{%- set week_end = dbt.dateadd('day', 7, week_start_at) %}

with

{#- Read three times (week checksums, tenant weeks, the recomputed weeks' dialogs): inlined,
    so that each read scans the columns it needs instead of a copy of every dialog. #}
dialogs as {{ not_materialized() }} (

    select * from {{ ref('int_dialogs_started') }}

),

plan_history as (

    select * from {{ ref('dim_tenant_plan_history') }}

),

week_dialogs as (

    select
        {{ week_start('started_at') }} as activity_week,
        count(*) as input_rows,
        sum({{ hash_integer(['dialog_id', 'agent_id', 'tenant_id', 'started_at']) }})
            as input_checksum
    from dialogs
    where started_at is not null
    group by {{ week_start('started_at') }}

),

tenant_weeks as (

    select distinct
        tenant_id,
        {{ week_start('started_at') }} as activity_week
    from dialogs
    where started_at is not null and tenant_id is not null

),

{# The plan periods of each week's tenants, clipped to the week: a plan change elsewhere in
    a period's span leaves the week's inputs as they were. #}
week_plan_periods as (

    select
        tenant_weeks.activity_week,
        count(*) as input_rows,
        sum({{ hash_integer([
            'tenant_weeks.tenant_id',
            'plan_history.plan',
            'greatest(plan_history.valid_from, ' ~ week_start_at ~ ')',
            'least(' ~ open_ended('plan_history.valid_to') ~ ', ' ~ week_end ~ ')',
        ]) }}) as input_checksum
    from tenant_weeks
    inner join plan_history
        on
            tenant_weeks.tenant_id = plan_history.tenant_id
            and plan_history.valid_from < {{ week_end }}
            and {{ open_ended('plan_history.valid_to') }} > {{ week_start_at }}
    group by tenant_weeks.activity_week

),

week_inputs as (

    select
        week_dialogs.activity_week,
        week_dialogs.input_rows + coalesce(week_plan_periods.input_rows, 0) as week_input_rows,
        week_dialogs.input_checksum + coalesce(week_plan_periods.input_checksum, 0)
            as week_input_checksum
    from week_dialogs
    left join week_plan_periods
        on week_dialogs.activity_week = week_plan_periods.activity_week

),

{% if is_incremental() %}
stored_weeks as (

    select distinct
        activity_week,
        week_input_rows,
        week_input_checksum
    from {{ this }}

),

{% endif %}
recomputed_weeks as (

    select week_inputs.*
    from week_inputs
    {% if is_incremental() %}
    left join stored_weeks
        on
            week_inputs.activity_week = stored_weeks.activity_week
            and week_inputs.week_input_rows = stored_weeks.week_input_rows
            and week_inputs.week_input_checksum = stored_weeks.week_input_checksum
    where stored_weeks.activity_week is null
    {% endif %}

),

{# The plan of each dialog of a recomputed week: the tenant's plan at the dialog's start
    ('unknown' when the tenant has none). #}
dialog_plans as (

    select
        dialogs.dialog_id,
        dialogs.agent_id,
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

),

aggregated as (

    select
        activity_week,
        plan,
        count(distinct agent_id) as active_agents,
        count(*) as dialogs
    from dialog_plans
    group by activity_week, plan

)

select
    aggregated.activity_week,
    aggregated.plan,
    aggregated.active_agents,
    aggregated.dialogs,
    cast(aggregated.dialogs as {{ type_double() }}) / nullif(aggregated.active_agents, 0)
        as dialogs_per_active_agent,
    recomputed_weeks.week_input_rows,
    recomputed_weeks.week_input_checksum
from aggregated
inner join recomputed_weeks
    on aggregated.activity_week = recomputed_weeks.activity_week
