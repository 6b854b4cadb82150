{#- Lower-case hex SHA-256 of a text expression (pii_hash's digest). -#}
{% macro sha256_hex(expression) -%}
    {{ return(adapter.dispatch('sha256_hex', 'product_analytics')(expression)) }}
{%- endmacro %}

{#- sha2(x, 256): Spark, Databricks, Snowflake, MySQL. -#}
{% macro default__sha256_hex(expression) -%}
    lower(sha2({{ expression }}, 256))
{%- endmacro %}

{% macro duckdb__sha256_hex(expression) -%}
    sha256({{ expression }})
{%- endmacro %}

{% macro bigquery__sha256_hex(expression) -%}
    to_hex(sha256({{ expression }}))
{%- endmacro %}
