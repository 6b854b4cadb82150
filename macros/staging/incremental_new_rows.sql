{#-
    On an incremental run, the predicate that keeps only the rows a staged model has not seen:
    rows loaded after the model's latest load time minus var('incremental_lookback_hours') (late
    loader batches), and whose key is not in the model yet. Delivery is at-least-once with no
    limit on the gap (raw data contract), so the key is compared with every key the model holds:
    a duplicate that arrives weeks later in another batch stays a duplicate, as in a full
    refresh. On a full build: `true`.

    relation_alias: the alias of the new rows in the query; key: their unique key column;
    load_time: the load-time column, present in both the new rows and the model;
    key_window_hours: compare keys with the rows the model loaded in this many hours only (a
    model whose staged parents already dedupe over all history, so that only the rows re-read
    in the lookback window can be there already).
-#}
{% macro incremental_new_rows(relation_alias, key, load_time, key_window_hours=none) -%}
    {%- if is_incremental() -%}
    {{ relation_alias }}.{{ load_time }} > {{ incremental_since(load_time) }}
    and not exists (
        select 1
        from {{ this }} as existing
        where
            existing.{{ key }} = {{ relation_alias }}.{{ key }}
            {%- if key_window_hours is not none %}
            and existing.{{ load_time }}
            > {{ incremental_since(load_time, key_window_hours) }}
            {%- endif %}
    )
    {%- else -%}
    true
    {%- endif -%}
{%- endmacro %}
