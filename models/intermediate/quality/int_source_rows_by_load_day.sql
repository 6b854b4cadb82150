{#-
    One row per raw source table (the list of staged_tables()) and load day: the raw rows
    loaded that day and the dedupe keys first loaded that day (the day of the table's
    load-time column: Segment and Vercel `received_at`, PostHog `_inserted_at`, Zendesk
    `_fivetran_synced`). Summed over the days, the keys first loaded are the table's distinct
    keys, which mart_source_reconciliation needs without a count(distinct) over all history
    on every run.
    Incremental, per table: the load days from the table's own watermark (its latest load
    time here, minus the lookback: a source that lags the others is still read from where it
    stopped) are recomputed from their raw rows, and a key of those days counts as first
    loaded only when no older raw row carries it (the older rows are probed for the few
    recent keys). Rows without a load time are counted by a full refresh only.
-#}
{{ config(
    materialized=upsert_materialization(),
    incremental_strategy='delete+insert',
    unique_key='load_day_key',
    on_schema_change='fail',
) }}
{%- set tables = staged_tables() %}

with

raw_rows as (

    {% for table in tables -%}
    select
        '{{ table.source_system }}' as source_system,
        '{{ table.source_table }}' as source_table,
        cast({{ table.key }} as {{ dbt.type_string() }}) as record_key,
        {{ table.loaded_at }} as loaded_at
    from {{ ref(table.model | replace('stg_', 'base_')) }}
    {% if is_incremental() -%}
    where {{ table.loaded_at }} >= {{ load_day_recompute_from(table) }}
    {% endif -%}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

first_loads as (

    select
        source_system,
        source_table,
        record_key,
        min(loaded_at) as first_loaded_at
    from raw_rows
    where record_key is not null
    group by source_system, source_table, record_key

),

{% if is_incremental() %}
seen_before as (

    {#- Keys of the recomputed days that an older raw row of the same table carries (keys
        as text: the tables' key types differ). "Older" is a join condition, not a filter:
        a raw row loaded before the key's first load in the recomputed days is loaded before
        those days (every row from then on is among them), so the load time is compared only
        for the rows whose key matches, instead of for every row of history against a
        scalar subquery (a nested-loop pass, ~3 s over 51M PostHog rows at 100M). A table
        with a key_part (a column its computed key hashes: equal keys have equal key_part
        values) hashes only the rows whose key_part a recomputed row has, or is null. #}
    {% for table in tables -%}
    {%- set base_model = ref(table.model | replace('stg_', 'base_')) -%}
    select distinct
        first_loads.source_system,
        first_loads.source_table,
        first_loads.record_key
    from (
        {% if table.key_part is defined -%}
        select * from {{ base_model }}
        where
            {{ table.key_part }} in (
                select recent.{{ table.key_part }} from {{ base_model }} as recent
                where recent.{{ table.loaded_at }} >= {{ load_day_recompute_from(table) }}
            )
        union all
        select * from {{ base_model }}
        where {{ table.key_part }} is null
        {%- else -%}
        select * from {{ base_model }}
        {%- endif %}
    ) as older
    inner join first_loads
        on
            first_loads.source_system = '{{ table.source_system }}'
            and first_loads.source_table = '{{ table.source_table }}'
            and cast(older.{{ table.key }} as {{ dbt.type_string() }}) = first_loads.record_key
            and older.{{ table.loaded_at }} < first_loads.first_loaded_at
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

{% endif %}
new_keys as (

    select
        first_loads.source_system,
        first_loads.source_table,
        cast(first_loads.first_loaded_at as date) as load_day,
        count(*) as first_loaded_keys
    from first_loads
    {% if is_incremental() -%}
    left join seen_before
        on
            first_loads.source_system = seen_before.source_system
            and first_loads.source_table = seen_before.source_table
            and first_loads.record_key = seen_before.record_key
    where seen_before.record_key is null
    {% endif -%}
    group by
        first_loads.source_system,
        first_loads.source_table,
        cast(first_loads.first_loaded_at as date)

),

days as (

    select
        source_system,
        source_table,
        cast(loaded_at as date) as load_day,
        count(*) as raw_rows,
        count(case when record_key is null then 1 end) as null_key_rows,
        max(loaded_at) as last_loaded_at
    from raw_rows
    group by source_system, source_table, cast(loaded_at as date)

)

select
    {{ load_day_key('days.source_system', 'days.source_table', 'days.load_day') }}
        as load_day_key,
    days.source_system,
    days.source_table,
    days.load_day,
    cast(days.raw_rows as {{ dbt.type_bigint() }}) as raw_rows,
    cast(coalesce(new_keys.first_loaded_keys, 0) as {{ dbt.type_bigint() }})
        as first_loaded_keys,
    cast(days.null_key_rows as {{ dbt.type_bigint() }}) as null_key_rows,
    days.last_loaded_at
from days
left join new_keys
    on
        days.source_system = new_keys.source_system
        and days.source_table = new_keys.source_table
        and days.load_day is not distinct from new_keys.load_day
