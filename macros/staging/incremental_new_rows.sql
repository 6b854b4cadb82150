{#-
    On an incremental run, the predicate that keeps only the rows a staged model has not seen:
    rows loaded after the model's latest load time minus var('incremental_lookback_hours') (late
    loader batches), and whose key is not in the model yet (an at-least-once duplicate that
    arrives in a later batch stays a duplicate). Keys are compared with the rows the model loaded
    in the last var('duplicate_window_days'), the longest gap expected between two deliveries
    of one message; a full refresh dedupes over all history. On a full build: `true`.

    relation_alias: the alias of the new rows in the query; key: their unique key column;
    load_time: the load-time column, present in both the new rows and the model;
    key_window_hours: compare keys over this many hours of loads instead (a model whose parents
    already dedupe over the duplicate window only needs the lookback window).
-#}
{% macro incremental_new_rows(relation_alias, key, load_time, key_window_hours=none) -%}
    {%- set window_hours = 24 * var('duplicate_window_days')
        if key_window_hours is none else key_window_hours -%}
    {%- if is_incremental() -%}
    {{ relation_alias }}.{{ load_time }} > {{ incremental_since(load_time) }}
    and not exists (
        select 1
        from {{ this }} as existing
        where
            existing.{{ key }} = {{ relation_alias }}.{{ key }}
            and existing.{{ load_time }}
            > {{ incremental_since(load_time, window_hours) }}
    )
    {%- else -%}
    true
    {%- endif -%}
{%- endmacro %}
