{#- A timestamp type that holds an instant (a time with its offset applied), as a loader writes
    a TIMESTAMPTZ column. dbt has no cross-database macro for it. -#}
{% macro type_timestamp_tz() -%}
    {{ return(adapter.dispatch('type_timestamp_tz', 'product_analytics')()) }}
{%- endmacro %}

{% macro default__type_timestamp_tz() -%}
    timestamp with time zone
{%- endmacro %}

{#- Spark's TIMESTAMP is TIMESTAMP_LTZ: an instant, shown in the session time zone. -#}
{% macro spark__type_timestamp_tz() -%}
    timestamp
{%- endmacro %}
