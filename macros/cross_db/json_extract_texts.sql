{#- Several text values of one JSON text column: a dict from each name of `paths` (name -> list
    of nested object keys, as json_extract_text takes) to its SQL expression. On DuckDB every
    expression extracts all the paths in one call and picks its own element: the calls are
    identical, so DuckDB computes them once per row (one JSON parse instead of one per path,
    about half the time of stg_posthog__events' 22 properties). Elsewhere: json_extract_text. -#}
{% macro json_extract_texts(column, paths) -%}
    {%- if paths | length == 0 -%}
        {{ exceptions.raise_compiler_error("json_extract_texts: paths must name at least one path") }}
    {%- endif -%}
    {{ return(adapter.dispatch('json_extract_texts', 'product_analytics')(column, paths)) }}
{%- endmacro %}

{% macro default__json_extract_texts(column, paths) -%}
    {%- set expressions = {} -%}
    {%- for name, keys in paths.items() -%}
        {%- do expressions.update({name: json_extract_text(column, keys)}) -%}
    {%- endfor -%}
    {{ return(expressions) }}
{%- endmacro %}

{% macro duckdb__json_extract_texts(column, paths) -%}
    {%- set json_paths = [] -%}
    {%- for keys in paths.values() -%}
        {%- set keys = [keys] if keys is string else keys -%}
        {%- set path -%}'${% for key in keys %}."{{ key }}"{% endfor %}'{%- endset -%}
        {%- do json_paths.append(path) -%}
    {%- endfor -%}
    {%- set all_paths = '[' ~ (json_paths | join(', ')) ~ ']' -%}
    {%- set expressions = {} -%}
    {%- for name in paths -%}
        {%- do expressions.update(
            {name: 'json_extract_string(' ~ column ~ ', ' ~ all_paths ~ ')[' ~ loop.index ~ ']'}
        ) -%}
    {%- endfor -%}
    {{ return(expressions) }}
{%- endmacro %}
