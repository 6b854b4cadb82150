{#- An id that can arrive as a number, as text: a whole number is written without a fractional
    part ('40002.0' -> '40002': a DOUBLE column or a JSON 40002.0 cast to text keeps the '.0',
    and would then not match the Zendesk ticket 40002); any other text is kept as it is. -#}
{% macro integral_text(expression) -%}
    {%- set as_number = safe_cast(expression, 'decimal(38, 6)') -%}
    case
        when {{ as_number }} = floor({{ as_number }})
            then cast(cast({{ as_number }} as decimal(38, 0)) as {{ dbt.type_string() }})
        else {{ expression }}
    end
{%- endmacro %}
