{#- True when a text column holds parseable JSON. -#}
{% macro is_valid_json(column) -%}
    {{ return(adapter.dispatch('is_valid_json', 'product_analytics')(column)) }}
{%- endmacro %}

{% macro default__is_valid_json(column) -%}
    ({{ column }} is not null)
{%- endmacro %}

{% macro duckdb__is_valid_json(column) -%}
    coalesce(json_valid({{ column }}), false)
{%- endmacro %}

{#- Spark 4's try_parse_json is null exactly when the text does not parse (a JSON `null`
    document parses to a variant null, which is not SQL null). -#}
{% macro spark__is_valid_json(column) -%}
    coalesce(try_parse_json({{ column }}) is not null, false)
{%- endmacro %}
