{#- Aggregates: the value of `expression` on the row with the smallest (value_at_min) or largest
    (value_at_max) tuple of `order_by` (a list of SQL expressions compared left to right), even
    when that value is null. One hash aggregate instead of a row_number window sort. -#}
{% macro value_at_min(expression, order_by) -%}
    {{ return(value_at_extreme(expression, order_by, 'min')) }}
{%- endmacro %}

{% macro value_at_max(expression, order_by) -%}
    {{ return(value_at_extreme(expression, order_by, 'max')) }}
{%- endmacro %}

{#- The argument check shared by every engine, then the engine's aggregate. -#}
{% macro value_at_extreme(expression, order_by, extreme) -%}
    {%- if order_by is string or order_by | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "value_at_" ~ extreme ~ ": order_by must be a non-empty list of expressions") }}
    {%- endif -%}
    {{ return(adapter.dispatch('value_at_extreme', 'product_analytics')(
        expression, order_by, extreme)) }}
{%- endmacro %}

{% macro default__value_at_extreme(expression, order_by, extreme) -%}
    arg_{{ extreme }}_null({{ expression }}, row({{ order_by | join(', ') }}))
{%- endmacro %}

{% macro spark__value_at_extreme(expression, order_by, extreme) -%}
    {{ extreme }}_by({{ expression }}, struct({{ order_by | join(', ') }}))
{%- endmacro %}
