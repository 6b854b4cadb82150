{#- True when a text column holds parseable JSON. -#}
{% macro is_valid_json(column) -%}
    {{ return(adapter.dispatch('is_valid_json', 'product_analytics')(column)) }}
{%- endmacro %}

{% macro default__is_valid_json(column) -%}
    ({{ column }} is not null)
{%- endmacro %}

{% macro duckdb__is_valid_json(column) -%}
    coalesce(json_valid({{ column }}), false)
{%- endmacro %}
