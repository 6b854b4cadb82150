{#-
    Fails on every row of `model` where `expression` (a SQL boolean expression over one row)
    is not true. A row where the expression is null fails too: write `x is null or …` to
    allow nulls. With `column_name` (the test placed under a column) the expression is
    appended to the column, dbt_utils style: `column_name ~ ' ' ~ expression`.
    row_condition: optional SQL filter; only rows matching it are checked (dbt's own
    `config: where:` does the same).
-#}
{% test expression_is_true(model, expression, column_name=none, row_condition=none) %}
{%- if expression is not string or expression | trim | length == 0 -%}
    {{ exceptions.raise_compiler_error(
        "expression_is_true: `expression` is required and must be a non-empty SQL boolean "
        ~ "expression (a string), got: " ~ (expression if expression is defined else "nothing")) }}
{%- endif -%}
{%- if row_condition is not none and row_condition is not string -%}
    {{ exceptions.raise_compiler_error(
        "expression_is_true: `row_condition` must be a SQL filter string, got: " ~ row_condition) }}
{%- endif -%}
{%- set condition = (column_name ~ ' ' ~ expression) if column_name else expression %}

select *
from {{ model }}
where not coalesce(({{ condition }}), false)
{%- if row_condition %}
    and ({{ row_condition }})
{%- endif %}

{% endtest %}
