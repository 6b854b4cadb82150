{#-
    Fails on every row where `column_name` lies outside [min_value, max_value]. Nulls pass
    (test them with not_null). Either bound may be omitted, not both; a bound is a number or
    a SQL expression. inclusive=false excludes the bounds themselves.
    row_condition: optional SQL filter on the rows that are checked.
-#}
{% test value_between(
    model,
    column_name,
    min_value=none,
    max_value=none,
    inclusive=true,
    row_condition=none
) %}
{%- if min_value is none and max_value is none -%}
    {{ exceptions.raise_compiler_error(
        "value_between: give `min_value`, `max_value` or both (column " ~ column_name ~ ")") }}
{%- endif -%}
{%- for bound in [min_value, max_value] -%}
    {%- if bound is not none and not (bound is number or bound is string) -%}
        {{ exceptions.raise_compiler_error(
            "value_between: bounds must be numbers or SQL expressions, got: " ~ bound) }}
    {%- endif -%}
{%- endfor -%}
{%- if min_value is number and max_value is number and min_value > max_value -%}
    {{ exceptions.raise_compiler_error(
        "value_between: `min_value` (" ~ min_value ~ ") is greater than `max_value` ("
        ~ max_value ~ ")") }}
{%- endif -%}
{%- if inclusive not in [true, false] -%}
    {{ exceptions.raise_compiler_error(
        "value_between: `inclusive` must be true or false, got: " ~ inclusive) }}
{%- endif -%}
{%- set below = '<' if inclusive else '<=' -%}
{%- set above = '>' if inclusive else '>=' %}

select *
from {{ model }}
where {{ column_name }} is not null
    and (
        {%- if min_value is not none %}
        {{ column_name }} {{ below }} {{ min_value }}
        {%- endif %}
        {%- if min_value is not none and max_value is not none %}
        or
        {%- endif %}
        {%- if max_value is not none %}
        {{ column_name }} {{ above }} {{ max_value }}
        {%- endif %}
    )
{%- if row_condition %}
    and ({{ row_condition }})
{%- endif %}

{% endtest %}
