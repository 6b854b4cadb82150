{#-
    Fails on every row whose `column_name` is greater than the value on the previous row in
    `sort_column` order, within each group of `group_by` (e.g. funnel users by step number
    within a cohort). Equal consecutive values pass. Rows where the column is null are skipped
    (test them with not_null). row_condition: optional SQL filter applied before ordering.
-#}
{% test values_non_increasing(
    model, column_name, sort_column=none, group_by=none, row_condition=none
) %}
{%- if sort_column is not string or sort_column | trim | length == 0 -%}
    {{ exceptions.raise_compiler_error(
        "values_non_increasing: `sort_column` must be the column that orders the rows, got: "
        ~ sort_column ~ " (column " ~ column_name ~ ")") }}
{%- endif -%}
{%- set group_by = group_by if group_by is not none else [] -%}
{%- if group_by is string or group_by is not iterable -%}
    {{ exceptions.raise_compiler_error(
        "values_non_increasing: `group_by` must be a list of column names, got: " ~ group_by) }}
{%- endif -%}
{%- if row_condition is not none and row_condition is not string -%}
    {{ exceptions.raise_compiler_error(
        "values_non_increasing: `row_condition` must be a SQL filter string, got: "
        ~ row_condition) }}
{%- endif %}

with

ordered as (

    select
        *,
        lag({{ column_name }}) over (
            {%- if group_by %}
            partition by {{ group_by | join(', ') }}
            {%- endif %}
            order by {{ sort_column }}
        ) as previous_value
    from {{ model }}
    where {{ column_name }} is not null
    {%- if row_condition %}
        and ({{ row_condition }})
    {%- endif %}

)

select *
from ordered
where {{ column_name }} > previous_value

{% endtest %}
