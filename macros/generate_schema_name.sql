{#- Models land in the schema their folder names (`staging`, `intermediate`, `marts`) rather
    than `<target schema>_<name>`: the BI tool reads a stable `marts` schema on every target. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
