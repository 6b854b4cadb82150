{#- A 64-bit floating-point type. dbt.type_float() is a 32-bit FLOAT on DuckDB, which turns
    1/3 into 0.3333333432674408: rates and properties need double precision. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'product_analytics')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double
{%- endmacro %}

{% macro bigquery__type_double() -%}
    float64
{%- endmacro %}
