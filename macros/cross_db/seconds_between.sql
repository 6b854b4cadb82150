{#- Exact elapsed seconds (fractional) from `start_at` to `end_at`; dbt.datediff counts
    boundaries crossed, which is not an elapsed time. -#}
{% macro seconds_between(start_at, end_at) -%}
    {{ return(adapter.dispatch('seconds_between', 'product_analytics')(start_at, end_at)) }}
{%- endmacro %}

{% macro default__seconds_between(start_at, end_at) -%}
    {{ dbt.datediff(start_at, end_at, 'second') }}
{%- endmacro %}

{% macro duckdb__seconds_between(start_at, end_at) -%}
    (epoch({{ end_at }}) - epoch({{ start_at }}))
{%- endmacro %}

{#- Microseconds since the epoch are exact integers; the double division matches DuckDB's
    epoch() difference. -#}
{% macro spark__seconds_between(start_at, end_at) -%}
    (cast(unix_micros({{ end_at }}) - unix_micros({{ start_at }}) as double) / 1000000)
{%- endmacro %}
