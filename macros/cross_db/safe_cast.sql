{#- Cast that yields null instead of failing on a malformed value: one bad raw value must
    not fail the build. -#}
{% macro safe_cast(expression, kind) -%}
    {{ return(adapter.dispatch('safe_cast', 'product_analytics')(expression, kind)) }}
{%- endmacro %}

{#- This project macro shadows dbt's global `safe_cast(field, type)`, which dbt's own unit-test
    fixtures call with a real type name (`VARCHAR`, `character varying(256)`, …): a `kind`
    that is not one of column_type's logical kinds is used as the type as it is. -#}
{% macro default__safe_cast(expression, kind) -%}
    {%- set kinds = ['string', 'timestamp', 'bigint', 'integer', 'double', 'boolean'] -%}
    try_cast({{ expression }} as {{ column_type(kind) if kind in kinds else kind }})
{%- endmacro %}
