{#- The ISO week (Monday 00:00 UTC) of a timestamp, as a date (metrics.md). -#}
{% macro week_start(timestamp_expression) -%}
    cast({{ dbt.date_trunc('week', timestamp_expression) }} as date)
{%- endmacro %}
