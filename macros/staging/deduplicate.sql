{#- Keeps one row per `partition_by`: the first by `order_by` (at-least-once delivery keeps the
    first delivery). The result carries `_delivery_rank` (always 1); select the columns you need.
    A null sort value sorts last, ascending or descending: engines differ in their default
    (DuckDB: last; Spark: first ascending; Postgres: first descending), so it is spelled out.
    A null key is a key like any other (all rows without one make one group).
    Most keys arrive once, so only the rows of keys that arrive more than once are ranked:
    the window then sorts those few rows instead of every (wide) row; the others pass as
    they are. `relation` is read three times (the key column alone for the repeated keys):
    when it is a CTE, declare it `{{ not_materialized() }}` so it is not kept whole. -#}
{% macro deduplicate(relation, partition_by, order_by) -%}
    {%- if not partition_by or not order_by -%}
        {{ exceptions.raise_compiler_error("deduplicate: partition_by and order_by are required") }}
    {%- endif -%}
    {%- if '(' in order_by -%}
        {{ exceptions.raise_compiler_error(
            "deduplicate: order_by must be comma-separated columns, each with an optional "
            ~ "asc/desc and nulls first/last, not expressions; got: " ~ order_by) }}
    {%- endif -%}
    {%- set order_terms = [] -%}
    {%- for term in order_by.split(',') -%}
        {%- set term = term | trim -%}
        {%- do order_terms.append(term if 'nulls' in term | lower else term ~ ' nulls last') -%}
    {%- endfor %}
    {%- set keys = [] -%}
    {%- for key in partition_by.split(',') -%}
        {%- do keys.append(key | trim) -%}
    {%- endfor -%}
    {%- set same_key = [] -%}
    {%- for key in keys -%}
        {%- do same_key.append('_repeated.' ~ key ~ ' is not distinct from _delivery.' ~ key) -%}
    {%- endfor %}
    with _repeated_keys as (

        select {{ keys | join(', ') }}
        from {{ relation }}
        group by {{ keys | join(', ') }}
        having count(*) > 1

    )

    select
        *,
        1 as _delivery_rank
    from {{ relation }} as _delivery
    where not exists (
        select 1 from _repeated_keys as _repeated
        where {{ same_key | join(' and ') }}
    )

    union all

    select *
    from (
        select
            *,
            row_number() over (
                partition by {{ partition_by }}
                order by {{ order_terms | join(', ') }}
            ) as _delivery_rank
        from {{ relation }} as _delivery
        where exists (
            select 1 from _repeated_keys as _repeated
            where {{ same_key | join(' and ') }}
        )
    ) as ranked
    where _delivery_rank = 1
{%- endmacro %}
