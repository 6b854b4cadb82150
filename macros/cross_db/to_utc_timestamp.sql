{#- A timestamp column as a time-zone-less UTC timestamp, whatever type the loader chose
    (TIMESTAMP, TIMESTAMPTZ or text) and whatever the session's time zone is. -#}
{% macro to_utc_timestamp(expression, source_type) -%}
    {{ return(adapter.dispatch('to_utc_timestamp', 'product_analytics')(expression, source_type)) }}
{%- endmacro %}

{% macro default__to_utc_timestamp(expression, source_type) -%}
    cast({{ expression }} as {{ dbt.type_timestamp() }})
{%- endmacro %}

{% macro duckdb__to_utc_timestamp(expression, source_type) -%}
    {%- set source_type = (source_type or '') | lower -%}
    {%- if 'time zone' in source_type or source_type == 'timestamptz' -%}
        timezone('UTC', {{ expression }})
    {%- elif 'timestamp' in source_type -%}
        cast({{ expression }} as timestamp)
    {%- else -%}
        {#- Text: an explicit offset (or Z) is honoured; a bare time is UTC by contract, never
            the session's time zone. -#}
        case
            when regexp_matches(
                {{ expression }},
                '[0-9]:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)? ?([+-][0-9]{2}(:?[0-9]{2})?|[zZ])$'
            )
                then timezone('UTC', try_cast({{ expression }} as timestamptz))
            else try_cast({{ expression }} as timestamp)
        end
    {%- endif -%}
{%- endmacro %}

{#- Spark's TIMESTAMP is an instant shown in the session time zone, which the spark profile
    pins to UTC: a TIMESTAMP (with local time zone) is already right, a TIMESTAMP_NTZ wall time
    is read as UTC, and text honours an explicit offset (or Z) and is read as UTC without one.
    Text that is not a time is null (dbt-spark runs with ANSI mode off). -#}
{% macro spark__to_utc_timestamp(expression, source_type) -%}
    {%- if 'timestamp' in (source_type or '') | lower -%}
        cast({{ expression }} as timestamp)
    {%- else -%}
        try_cast({{ expression }} as timestamp)
    {%- endif -%}
{%- endmacro %}
