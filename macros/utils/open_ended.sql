{#- The end of a validity period, with an open end (null) as a far-future timestamp. Writing
    `t < valid_to or valid_to is null` in a join makes DuckDB fall back to a nested-loop join
    (minutes at a few million rows); a single comparison keeps the hash join on the key. -#}
{% macro open_ended(valid_to) -%}
    coalesce({{ valid_to }}, cast('9999-12-31 00:00:00' as {{ dbt.type_timestamp() }}))
{%- endmacro %}
