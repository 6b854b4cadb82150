{#-
    One row per staged event table (staged_event_tables()) and load day: the staged rows
    loaded that day, clean and quarantined. The staged event models are append-only and keep
    one row per key, at its first load, with a quarantine verdict that never changes, so a
    day's counts change only when rows loaded that day are appended; mart_source_reconciliation
    sums these days instead of counting every staged row of history on every run. The load
    day is the day of the load-time column the staged row keeps from its raw row (Segment and
    Vercel `received_at`, PostHog `_inserted_at`). The other staged models keep a key's latest
    version (a newer sync moves it to another day) and are counted by the mart itself.
    Incremental, per table: the load days from the table's own watermark (its latest load
    time here, minus the lookback) are recomputed from their staged rows. Rows without a load
    time are counted by a full refresh only.
-#}
{{ config(
    materialized=upsert_materialization(),
    incremental_strategy='delete+insert',
    unique_key='load_day_key',
    on_schema_change='fail',
) }}

with

staged_rows as (

    {% for table in staged_event_tables() -%}
    select
        '{{ table.source_system }}' as source_system,
        '{{ table.source_table }}' as source_table,
        quarantine_reason,
        {{ table.loaded_at }} as loaded_at
    from {{ ref(table.model) }}
    {% if is_incremental() -%}
    where {{ table.loaded_at }} >= {{ load_day_recompute_from(table) }}
    {% endif -%}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select
    {{ load_day_key('source_system', 'source_table', 'cast(loaded_at as date)') }}
        as load_day_key,
    source_system,
    source_table,
    cast(loaded_at as date) as load_day,
    cast(count(case when quarantine_reason is null then 1 end) as {{ dbt.type_bigint() }})
        as staged_rows,
    cast(count(quarantine_reason) as {{ dbt.type_bigint() }}) as quarantined_rows,
    max(loaded_at) as last_loaded_at
from staged_rows
group by source_system, source_table, cast(loaded_at as date)
