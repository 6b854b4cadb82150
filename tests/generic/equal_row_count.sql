{#-
    Fails (one row holding both counts) when `model` and `compare_model` have different row
    counts. row_condition / compare_row_condition: optional SQL filters applied to `model` and
    to `compare_model` before counting.
-#}
{% test equal_row_count(model, compare_model, row_condition=none, compare_row_condition=none) %}
{%- if compare_model is not defined or compare_model is none
    or (compare_model is string and compare_model | trim | length == 0) -%}
    {{ exceptions.raise_compiler_error(
        "equal_row_count: `compare_model` is required, e.g. compare_model: ref('my_model')") }}
{%- endif -%}
{%- for condition in [row_condition, compare_row_condition] -%}
    {%- if condition is not none and condition is not string -%}
        {{ exceptions.raise_compiler_error(
            "equal_row_count: `row_condition` and `compare_row_condition` must be SQL filter "
            ~ "strings, got: " ~ condition) }}
    {%- endif -%}
{%- endfor %}

with

model_rows as (

    select count(*) as row_count
    from {{ model }}
    {%- if row_condition %}
    where {{ row_condition }}
    {%- endif %}

),

compare_model_rows as (

    select count(*) as row_count
    from {{ compare_model }}
    {%- if compare_row_condition %}
    where {{ compare_row_condition }}
    {%- endif %}

)

select
    model_rows.row_count as model_row_count,
    compare_model_rows.row_count as compare_model_row_count
from model_rows
cross join compare_model_rows
where model_rows.row_count != compare_model_rows.row_count

{% endtest %}
