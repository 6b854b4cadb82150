{#- Keeps one row per `partition_by`: the first by `order_by` (at-least-once delivery keeps the
    first delivery). The result carries `_delivery_rank` (always 1); select the columns you need. -#}
{% macro deduplicate(relation, partition_by, order_by) -%}
    {%- if not partition_by or not order_by -%}
        {{ exceptions.raise_compiler_error("deduplicate: partition_by and order_by are required") }}
    {%- endif -%}
    select *
    from (
        select
            *,
            row_number() over (
                partition by {{ partition_by }}
                order by {{ order_by }}
            ) as _delivery_rank
        from {{ relation }}
    ) as ranked
    where _delivery_rank = 1
{%- endmacro %}
