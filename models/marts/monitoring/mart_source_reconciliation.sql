{#- One row per raw source table: where every raw row went. raw_rows counts the untouched
    raw union (base model); duplicate_rows counts rows whose dedupe key was already seen
    (both summed over the load days of int_source_rows_by_load_day, read once);
    staged_rows and quarantined_rows count the staged model. The data test on this model
    proves raw_rows = staged_rows + duplicate_rows + quarantined_rows for every table. -#}
{%- set tables = staged_tables() -%}
{%- set quarantining = staged_tables(with_quarantine=true) | map(attribute='model') | list -%}

with

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

    {% for table in tables -%}
    {%- if table.model in quarantining %}
    {%- set staged_rows = 'sum(case when quarantine_reason is null then 1 else 0 end)' %}
    {%- set quarantined_rows = 'sum(case when quarantine_reason is not null then 1 else 0 end)' %}
    {%- else %}
    {%- set staged_rows = 'count(*)' %}
    {%- set quarantined_rows = '0' %}
    {%- endif %}
    select
        '{{ table.source_system }}' as source_system,
        '{{ table.source_table }}' as source_table,
        {{ staged_rows }} as staged_rows,
        {{ quarantined_rows }} as quarantined_rows
    from {{ ref(table.model) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

{#- One row per staged table, also when its raw table is empty. #}
select
    staged_totals.source_system,
    staged_totals.source_table,
    cast(coalesce(raw_totals.raw_rows, 0) as {{ dbt.type_bigint() }}) as raw_rows,
    cast(coalesce(staged_totals.staged_rows, 0) as {{ dbt.type_bigint() }}) as staged_rows,
    cast(coalesce(raw_totals.duplicate_rows, 0) as {{ dbt.type_bigint() }}) as duplicate_rows,
    cast(coalesce(staged_totals.quarantined_rows, 0) as {{ dbt.type_bigint() }})
        as quarantined_rows
from staged_totals
left join raw_totals
    on
        staged_totals.source_system = raw_totals.source_system
        and staged_totals.source_table = raw_totals.source_table
