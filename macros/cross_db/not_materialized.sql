{#- Placed between `<cte> as` and the CTE's body: asks the engine to inline the CTE into each
    place that reads it rather than compute and keep it whole. For a CTE that only filters a
    large relation and is read several times (deduplicate reads its input three times), a
    kept copy costs memory in proportion to the table (at 10M raw rows, 2.2 GB more peak RSS
    in stg_posthog__events) and is slower than reading the source again. Empty where the
    engine has no such hint. -#}
{% macro not_materialized() -%}
    {{ return(adapter.dispatch('not_materialized', 'product_analytics')()) }}
{%- endmacro %}

{% macro default__not_materialized() -%}
{%- endmacro %}

{% macro duckdb__not_materialized() -%}
    not materialized
{%- endmacro %}
