{#- The earlier / later of two values where either may be null (a value not seen yet): the
    other one wins, and null only when both are null. An incremental model that folds new rows
    into a stored minimum or maximum uses these (`least` and `greatest` alone return null on
    some engines when one side is null). -#}
{% macro earlier_of(a, b) -%}
    least(coalesce({{ a }}, {{ b }}), coalesce({{ b }}, {{ a }}))
{%- endmacro %}

{% macro later_of(a, b) -%}
    greatest(coalesce({{ a }}, {{ b }}), coalesce({{ b }}, {{ a }}))
{%- endmacro %}
