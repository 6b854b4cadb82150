{#- A 64-bit integer hash of a text expression, as decimal(38, 0) so that a sum over
    billions of rows cannot overflow. For order-independent checksums of id sets: two sets
    with equal row counts and equal sums of hash_integer are the same multiset except with
    a probability of about 2^-64 per compared set. Not a stable id: the value may change
    with the engine or its version, so it is only compared within one query. -#}
{% macro hash_integer(expression) -%}
    {{ return(adapter.dispatch('hash_integer', 'product_analytics')(expression)) }}
{%- endmacro %}

{% macro default__hash_integer(expression) -%}
    {{ exceptions.raise_compiler_error(
        "hash_integer has no implementation for adapter " ~ adapter.type()
        ~ ": add a <adapter>__hash_integer macro (a 64-bit integer hash)."
    ) }}
{%- endmacro %}

{% macro duckdb__hash_integer(expression) -%}
    cast(hash({{ expression }}) as decimal(38, 0))
{%- endmacro %}

{% macro spark__hash_integer(expression) -%}
    cast(xxhash64({{ expression }}) as decimal(38, 0))
{%- endmacro %}
