{#- Keeps one row per `partition_by`: the first by `order_by` (at-least-once delivery keeps the
    first delivery). The result carries `_delivery_rank` (always 1); select the columns you need.
    A null sort value sorts last, ascending or descending: engines differ in their default
    (DuckDB: last; Spark: first ascending; Postgres: first descending), so it is spelled out.
    A null key is a key like any other (all rows without one make one group).
    A full build (or a view) ranks only the rows of keys that arrive more than once: most
    keys arrive once, and the window then sorts those few rows instead of every (wide) row;
    the others pass as they are. That reads `relation` three times (the key column alone for
    the repeated keys): when it is a CTE, declare it `{{ not_materialized() }}` so that it is
    not kept whole. An incremental run's relation is its new rows, few and found by a key
    check against the stored rows: one window pass over them reads them once. -#}
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
    {%- endfor -%}
    {#- is_incremental() reads `this`, which a unit test of a view or table model lacks. -#}
    {%- set incremental_run = model.config.materialized == 'incremental' and is_incremental() -%}
    {%- set keys = [] -%}
    {%- set same_key = [] -%}
    {%- for key in partition_by.split(',') -%}
        {%- do keys.append(key | trim) -%}
        {%- do same_key.append(
            '_repeated.' ~ (key | trim) ~ ' is not distinct from _delivery.' ~ (key | trim)) -%}
    {%- endfor -%}
    {%- set key_is_repeated -%}
        exists (
            select 1 from _repeated_keys as _repeated
            where {{ same_key | join(' and ') }}
        )
    {%- endset -%}
    {%- set first_deliveries -%}
    select *
    from (
        select
            *,
            row_number() over (
                partition by {{ partition_by }}
                order by {{ order_terms | join(', ') }}
            ) as _delivery_rank
        from {{ relation }} as _delivery
        {%- if not incremental_run %}
        where {{ key_is_repeated }}
        {%- endif %}
    ) as ranked
    where _delivery_rank = 1
    {%- endset -%}
    {%- if incremental_run %}
    {{ first_deliveries }}
    {%- else %}
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
    where not {{ key_is_repeated }}

    union all

    {{ first_deliveries }}
    {%- endif %}
{%- endmacro %}
