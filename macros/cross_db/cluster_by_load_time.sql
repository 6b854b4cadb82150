{#- `order by <load_time>` on a full build of a large incremental model (DuckDB), else nothing.
    DuckDB keeps min/max statistics per row group of ~120k rows: a table written in load-time
    order lets an incremental run's `load_time > <since>` filters skip every older row group,
    so its cost follows the new rows, not the history (rows appended later land at the end in
    load order anyway). Without it a full build leaves each row group spanning all of history
    and every incremental run decompresses the whole table. Spark and other engines: nothing
    (their files are rewritten by a full build; cluster them with the engine's own options). -#}
{% macro cluster_by_load_time(load_time) -%}
    {{ return(adapter.dispatch('cluster_by_load_time', 'product_analytics')(load_time)) }}
{%- endmacro %}

{% macro default__cluster_by_load_time(load_time) -%}
{%- endmacro %}

{% macro duckdb__cluster_by_load_time(load_time) -%}
    {%- if not is_incremental() %}
order by {{ load_time }}
    {%- endif %}
{%- endmacro %}
