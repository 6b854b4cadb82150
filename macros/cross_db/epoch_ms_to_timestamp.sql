{#- Epoch milliseconds (Vercel's drain) as a UTC timestamp, independent of the session time zone. -#}
{% macro epoch_ms_to_timestamp(expression) -%}
    {{ return(adapter.dispatch('epoch_ms_to_timestamp', 'product_analytics')(expression)) }}
{%- endmacro %}

{% macro default__epoch_ms_to_timestamp(expression) -%}
    {{ dbt.dateadd('millisecond', expression, "cast('1970-01-01' as " ~ dbt.type_timestamp() ~ ")") }}
{%- endmacro %}

{% macro duckdb__epoch_ms_to_timestamp(expression) -%}
    make_timestamp(cast({{ expression }} as bigint) * 1000)
{%- endmacro %}

{% macro spark__epoch_ms_to_timestamp(expression) -%}
    timestamp_millis(cast({{ expression }} as bigint))
{%- endmacro %}
