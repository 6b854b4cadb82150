{#- Continuous (linearly interpolated) percentile of `expression` as an aggregate;
    fraction in [0, 1]. -#}
{% macro percentile_cont(expression, fraction) -%}
    {%- if fraction is not number or fraction < 0 or fraction > 1 -%}
        {{ exceptions.raise_compiler_error(
            "percentile_cont: fraction must be a number in [0, 1], got " ~ fraction) }}
    {%- endif -%}
    {{ return(adapter.dispatch('percentile_cont', 'product_analytics')(expression, fraction)) }}
{%- endmacro %}

{% macro default__percentile_cont(expression, fraction) -%}
    percentile_cont({{ fraction }}) within group (order by {{ expression }})
{%- endmacro %}

{% macro duckdb__percentile_cont(expression, fraction) -%}
    quantile_cont({{ expression }}, {{ fraction }})
{%- endmacro %}
