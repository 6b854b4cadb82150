{#- One row per deduplicated raw event that violates the tracking plan, with its reason.
    These rows are left out of every metric; nothing is dropped silently.
    Incremental (append): the staged models only ever add rows, so a run reads each staged
    model's flagged rows loaded since the last run (minus the lookback, for rows staged late)
    and appends those whose key is not here yet. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
) }}
with

{% for table in staged_tables(with_quarantine=true) %}
{%- set loaded_since_last_run = table.loaded_at ~ ' > ' ~ incremental_since('source_loaded_at')
    if is_incremental() else 'true' %}
{{ table.model }} as (

    select
        '{{ table.source_system }}' as source_system,
        '{{ table.source_table }}' as source_table,
        cast({{ table.key }} as {{ dbt.type_string() }}) as record_id,
        cast({{ table.event }} as {{ dbt.type_string() }}) as event_name,
        quarantine_reason,
        event_at,
        {{ table.received_at }} as received_at,
        {{ table.loaded_at }} as source_loaded_at
    from {{ ref(table.model) }}
    where quarantine_reason is not null and {{ loaded_since_last_run }}

),

{% endfor %}
unioned as (

    {% for table in staged_tables(with_quarantine=true) %}
    select * from {{ table.model }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

keyed as (

    select
        {{ dbt.hash(dbt.concat(["source_system", "'|'", "source_table", "'|'", "record_id"])) }}
            as quarantined_event_id,
        *
    from unioned

)

select * from keyed
where
    {{ incremental_new_rows(
        'keyed', 'quarantined_event_id', 'source_loaded_at',
        key_window_hours=var('incremental_lookback_hours')
    ) }}
