{#- One row per raw source table: where every raw row went. raw_rows counts the untouched
    raw union (base model); duplicate_rows counts rows whose dedupe key was already seen;
    staged_rows and quarantined_rows count the staged model. The data test on this model
    proves raw_rows = staged_rows + duplicate_rows + quarantined_rows for every table. -#}
{%- set tables = staged_tables() -%}
{%- set quarantining = staged_tables(with_quarantine=true) | map(attribute='model') | list -%}

with

{% for table in tables %}
{%- set base_model = table.model | replace('stg_', 'base_') %}
{{ table.model }}_raw as (

    select
        count(*) as raw_rows,
        {#- count(distinct) skips null keys, while dedupe keeps one row for them. #}
        count(*) - count(distinct {{ table.key }})
        - coalesce(max(case when {{ table.key }} is null then 1 else 0 end), 0)
            as duplicate_rows
    from {{ ref(base_model) }}

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
