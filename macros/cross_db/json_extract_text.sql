{#- The text value at `keys` (a list of nested object keys) of a JSON text column, null when
    absent. Keys may start with `$` (PostHog's own properties). -#}
{% macro json_extract_text(column, keys) -%}
    {%- if keys is string -%}{%- set keys = [keys] -%}{%- endif -%}
    {%- if keys | length == 0 -%}
        {{ exceptions.raise_compiler_error("json_extract_text: keys must name at least one key") }}
    {%- endif -%}
    {{ return(adapter.dispatch('json_extract_text', 'product_analytics')(column, keys)) }}
{%- endmacro %}

{% macro default__json_extract_text(column, keys) -%}
    json_extract_path_text({{ column }}{% for key in keys %}, '{{ key }}'{% endfor %})
{%- endmacro %}

{% macro duckdb__json_extract_text(column, keys) -%}
    json_extract_string({{ column }}, '${% for key in keys %}."{{ key }}"{% endfor %}')
{%- endmacro %}

{#- get_json_object with bracket notation, so that `$`, dots and spaces in keys are literal. -#}
{% macro spark__json_extract_text(column, keys) -%}
    get_json_object({{ column }}, '${% for key in keys %}[\'{{ key }}\']{% endfor %}')
{%- endmacro %}
