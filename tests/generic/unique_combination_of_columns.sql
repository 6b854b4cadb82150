{#-
    Fails once per combination of `combination_of_columns` that occurs on more than one row
    of `model` (the grain of the model is that combination). Nulls are grouped like values:
    two rows with the same combination that include a null count as a duplicate.
    row_condition: optional SQL filter on the rows that are checked.
-#}
{% test unique_combination_of_columns(model, combination_of_columns, row_condition=none) %}
{%- if combination_of_columns is string
    or combination_of_columns is not iterable
    or combination_of_columns | length == 0 -%}
    {{ exceptions.raise_compiler_error(
        "unique_combination_of_columns: `combination_of_columns` must be a non-empty list of "
        ~ "column names, got: " ~ combination_of_columns) }}
{%- endif -%}
{%- for column in combination_of_columns -%}
    {%- if column is not string or column | trim | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "unique_combination_of_columns: every entry of `combination_of_columns` must be "
            ~ "a column name, got: " ~ column) }}
    {%- endif -%}
{%- endfor -%}
{%- set columns_csv = combination_of_columns | join(', ') %}

select
    {{ columns_csv }},
    count(*) as n_records
from {{ model }}
{%- if row_condition %}
where {{ row_condition }}
{%- endif %}
group by {{ columns_csv }}
having count(*) > 1

{% endtest %}
