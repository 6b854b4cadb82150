{#-
    Fails when the sum of `column_name` over `model` differs from the number of rows of
    `compare_model`: the counts of an aggregate mart must add up to the rows of the fact it
    aggregates (e.g. sum(signups) = rows of fct_user_activation). With `group_by` (columns
    that both relations have) the sums are compared per group, and a group missing on one
    side counts as 0 there; one failing row per group that differs.
    row_condition / compare_row_condition: optional SQL filters applied to `model` and to
    `compare_model` before summing and counting.
-#}
{% test sum_equals_row_count(
    model,
    column_name,
    compare_model=none,
    group_by=none,
    row_condition=none,
    compare_row_condition=none
) %}
{%- if compare_model is none or (compare_model is string and compare_model | trim | length == 0) -%}
    {{ exceptions.raise_compiler_error(
        "sum_equals_row_count: `compare_model` is required, e.g. "
        ~ "compare_model: ref('fct_user_activation') (column " ~ column_name ~ ")") }}
{%- endif -%}
{%- set group_by = group_by if group_by is not none else [] -%}
{%- if group_by is string or group_by is not iterable -%}
    {{ exceptions.raise_compiler_error(
        "sum_equals_row_count: `group_by` must be a list of column names, got: " ~ group_by) }}
{%- endif -%}
{%- for column in group_by -%}
    {%- if column is not string or column | trim | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "sum_equals_row_count: every entry of `group_by` must be a column name, got: "
            ~ column) }}
    {%- endif -%}
{%- endfor -%}
{%- for condition in [row_condition, compare_row_condition] -%}
    {%- if condition is not none and condition is not string -%}
        {{ exceptions.raise_compiler_error(
            "sum_equals_row_count: `row_condition` and `compare_row_condition` must be SQL "
            ~ "filter strings, got: " ~ condition) }}
    {%- endif -%}
{%- endfor %}

with

model_sums as (

    select
        {%- for column in group_by %}
        {{ column }},
        {%- endfor %}
        sum({{ column_name }}) as model_sum
    from {{ model }}
    {%- if row_condition %}
    where {{ row_condition }}
    {%- endif %}
    {%- if group_by %}
    group by {{ group_by | join(', ') }}
    {%- endif %}

),

compare_counts as (

    select
        {%- for column in group_by %}
        {{ column }},
        {%- endfor %}
        count(*) as compare_row_count
    from {{ compare_model }}
    {%- if compare_row_condition %}
    where {{ compare_row_condition }}
    {%- endif %}
    {%- if group_by %}
    group by {{ group_by | join(', ') }}
    {%- endif %}

),

compared as (

    select
        {%- for column in group_by %}
        coalesce(model_sums.{{ column }}, compare_counts.{{ column }}) as {{ column }},
        {%- endfor %}
        coalesce(model_sums.model_sum, 0) as model_sum,
        coalesce(compare_counts.compare_row_count, 0) as compare_row_count
    from model_sums
    {%- if group_by %}
    full outer join compare_counts
        on
        {%- for column in group_by %}
            {% if not loop.first %}and {% endif -%}
            model_sums.{{ column }} is not distinct from compare_counts.{{ column }}
        {%- endfor %}
    {%- else %}
    cross join compare_counts
    {%- endif %}

)

select *
from compared
where model_sum != compare_row_count

{% endtest %}
