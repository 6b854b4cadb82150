{#- One row per raw source table: where every raw row went. raw_rows counts the untouched
    raw union (base model); duplicate_rows counts rows whose dedupe key was already seen
    (both summed over the load days of int_source_rows_by_load_day);
    staged_rows and quarantined_rows count the staged model. The data test on this model
    proves raw_rows = staged_rows + duplicate_rows + quarantined_rows for every table. -#}
{%- set tables = staged_tables() -%}
{%- set quarantining = staged_tables(with_quarantine=true) | map(attribute='model') | list -%}

with

{% for table in tables %}
{{ table.model }}_raw as (

    {#- Each distinct key is first loaded on exactly one day; all rows without a key are one
        more record, because dedupe keeps one row for them too. #}
    select
        coalesce(sum(raw_rows), 0) as raw_rows,
        coalesce(sum(raw_rows), 0) - coalesce(sum(first_loaded_keys), 0)
        - case when coalesce(sum(null_key_rows), 0) > 0 then 1 else 0 end
            as duplicate_rows
    from {{ ref('int_source_rows_by_load_day') }}
    where
        source_system = '{{ table.source_system }}'
        and source_table = '{{ table.source_table }}'

),

{%- if table.model in quarantining %}
{%- set staged_rows = 'sum(case when quarantine_reason is null then 1 else 0 end)' %}
{%- set quarantined_rows = 'sum(case when quarantine_reason is not null then 1 else 0 end)' %}
{%- else %}
{%- set staged_rows = 'count(*)' %}
{%- set quarantined_rows = '0' %}
{%- endif %}
{{ table.model }}_staged as (

    select
        {{ staged_rows }} as staged_rows,
        {{ quarantined_rows }} as quarantined_rows
    from {{ ref(table.model) }}

),

{{ table.model }}_counts as (

    select
        '{{ table.source_system }}' as source_system,
        '{{ table.source_table }}' as source_table,
        {{ table.model }}_raw.raw_rows,
        {{ table.model }}_raw.duplicate_rows,
        {{ table.model }}_staged.staged_rows,
        {{ table.model }}_staged.quarantined_rows
    from {{ table.model }}_raw
    cross join {{ table.model }}_staged

),

{% endfor %}
unioned as (

    {% for table in tables %}
    select * from {{ table.model }}_counts
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select
    source_system,
    source_table,
    cast(raw_rows as {{ dbt.type_bigint() }}) as raw_rows,
    cast(coalesce(staged_rows, 0) as {{ dbt.type_bigint() }}) as staged_rows,
    cast(duplicate_rows as {{ dbt.type_bigint() }}) as duplicate_rows,
    cast(coalesce(quarantined_rows, 0) as {{ dbt.type_bigint() }}) as quarantined_rows
from unioned
