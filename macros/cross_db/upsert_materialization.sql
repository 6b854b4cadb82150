{#- The materialization of a model that, on an incremental run, replaces its rows by unique key
    (incremental_strategy delete+insert): `incremental` where the adapter can delete rows by key,
    `table` where it cannot, so the model is rebuilt in full (same rows, more work). Use it as
    `config(materialized=upsert_materialization(), incremental_strategy='delete+insert', ...)`. -#}
{% macro upsert_materialization() -%}
    {{ return(adapter.dispatch('upsert_materialization', 'product_analytics')()) }}
{%- endmacro %}

{% macro default__upsert_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{#- Plain Spark tables (Parquet, no Delta Lake or Iceberg) only support the append and
    insert_overwrite strategies: no row-level delete. A rebuild keeps the numbers exact. -#}
{% macro spark__upsert_materialization() -%}
    {{ return('table') }}
{%- endmacro %}
