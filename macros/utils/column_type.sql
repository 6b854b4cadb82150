{#- Maps the project's logical column kinds to the adapter's type names. -#}
{% macro column_type(kind) -%}
    {%- set types = {
        'string': dbt.type_string(),
        'timestamp': dbt.type_timestamp(),
        'bigint': dbt.type_bigint(),
        'integer': dbt.type_int(),
        'double': type_double(),
        'boolean': dbt.type_boolean(),
    } -%}
    {%- if kind not in types -%}
        {{ exceptions.raise_compiler_error(
            "column_type: unknown kind '" ~ kind ~ "'; expected one of " ~ (types.keys() | list | sort | join(', '))
        ) }}
    {%- endif -%}
    {{ types[kind] }}
{%- endmacro %}
