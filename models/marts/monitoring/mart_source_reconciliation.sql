{#- One row per raw source table: where every raw row went. raw_rows counts the untouched
    raw union (base model); duplicate_rows counts rows whose dedupe key was already seen
    (both summed over the load days of int_source_rows_by_load_day); staged_rows and
    quarantined_rows count the staged model: summed over the load days of
    int_staged_rows_by_load_day for the staged event tables, counted here for the staged
    models that keep a key's latest version. The two sides are computed apart, one from the
    raw rows and one from the staged rows, and the data test on this model proves
    raw_rows = staged_rows + duplicate_rows + quarantined_rows for every table. -#}
{%- set tables = staged_tables() -%}
{%- set event_models = staged_event_tables() | map(attribute='model') | list -%}

with

source_tables as (

    {% for table in tables -%}
    select
        '{{ table.source_system }}' as source_system,
        '{{ table.source_table }}' as source_table
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

raw_totals as (

    {#- Each distinct key is first loaded on exactly one day; all rows without a key are one
        more record, because dedupe keeps one row for them too. #}
    select
        source_system,
        source_table,
        sum(raw_rows) as raw_rows,
        sum(raw_rows) - sum(first_loaded_keys)
        - case when sum(null_key_rows) > 0 then 1 else 0 end as duplicate_rows
    from {{ ref('int_source_rows_by_load_day') }}
    group by source_system, source_table

),

staged_totals as (

    select
        source_system,
        source_table,
        sum(staged_rows) as staged_rows,
        sum(quarantined_rows) as quarantined_rows
    from {{ ref('int_staged_rows_by_load_day') }}
    group by source_system, source_table
    {% for table in tables if table.model not in event_models %}
    union all
    select
        '{{ table.source_system }}' as source_system,
        '{{ table.source_table }}' as source_table,
        count(*) as staged_rows,
        0 as quarantined_rows
    from {{ ref(table.model) }}
    {% endfor %}

)

{#- One row per staged table, also when its raw table is empty. #}
select
    source_tables.source_system,
    source_tables.source_table,
    cast(coalesce(raw_totals.raw_rows, 0) as {{ dbt.type_bigint() }}) as raw_rows,
    cast(coalesce(staged_totals.staged_rows, 0) as {{ dbt.type_bigint() }}) as staged_rows,
    cast(coalesce(raw_totals.duplicate_rows, 0) as {{ dbt.type_bigint() }}) as duplicate_rows,
    cast(coalesce(staged_totals.quarantined_rows, 0) as {{ dbt.type_bigint() }})
        as quarantined_rows
from source_tables
left join staged_totals
    on
        source_tables.source_system = staged_totals.source_system
        and source_tables.source_table = staged_totals.source_table
left join raw_totals
    on
        source_tables.source_system = raw_totals.source_system
        and source_tables.source_table = raw_totals.source_table
