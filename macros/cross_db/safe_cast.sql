{#- Cast that yields null instead of failing on a malformed value: one bad raw value must
    not fail the build. -#}
{% macro safe_cast(expression, kind) -%}
    {{ return(adapter.dispatch('safe_cast', 'product_analytics')(expression, kind)) }}
{%- endmacro %}

{% macro default__safe_cast(expression, kind) -%}
    try_cast({{ expression }} as {{ column_type(kind) }})
{%- endmacro %}
