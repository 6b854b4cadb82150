{#- On an incremental run, a scalar subquery: the latest `load_time` the model has loaded,
    minus var('incremental_lookback_hours') (late loader batches), or 1900-01-01 when the model
    is empty. Rows loaded after it are the ones a run must look at. `hours_back` overrides the
    lookback (e.g. 0 for exactly the model's own latest load time); `where` narrows the rows
    of the model it is taken over (a model holding several sources keeps one watermark per
    source, so that one lagging source is not read from another's). -#}
{% macro incremental_since(load_time, hours_back=none, where=none) -%}
    {%- set hours = var('incremental_lookback_hours') if hours_back is none else hours_back -%}
    {%- set low_water = "coalesce(max(" ~ load_time ~ "), cast('1900-01-01' as "
        ~ dbt.type_timestamp() ~ "))" -%}
    (select {{ dbt.dateadd('hour', -1 * hours, low_water) | trim }} from {{ this }}
    {%- if where is not none %} where {{ where }}{% endif %})
{%- endmacro %}
