{#-
    Selects a declared list of columns from a list of raw relations and unions them.

    Raw loaders add a column only when they first see a value (Segment) and add new columns
    at any time (Segment, PostHog exports): a declared column that a relation lacks comes
    out as a typed null, and columns that are not declared are ignored. Timestamps are
    normalised to UTC whatever their raw type. With no relation at all, the result is an
    empty, correctly typed row set, so a source that does not exist yet never fails the build.

    columns: list of {'name': raw name or list of raw names (first non-null wins),
                      'alias': output name (default: the raw name), 'type': a column_type kind}
-#}
{% macro select_raw_columns(relations, columns) -%}
    {%- if relations is string -%}
        {{ exceptions.raise_compiler_error(
            "select_raw_columns: relations must be a list of relations, got a string") }}
    {%- endif -%}
    {%- for column in columns -%}
        {%- if 'name' not in column or 'type' not in column -%}
            {{ exceptions.raise_compiler_error(
                "select_raw_columns: every column needs 'name' and 'type', got " ~ column) }}
        {%- endif -%}
    {%- endfor -%}
    {%- set existing_relations = relations if execute else [] -%}
    {%- if existing_relations | length == 0 %}
    select
        {%- for column in columns %}
        cast(null as {{ column_type(column.type) }}) as {{ raw_column_alias(column) }},
        {%- endfor %}
        cast(null as {{ dbt.type_string() }}) as source_schema
    where 1 = 0
    {%- else -%}
    {%- for relation in existing_relations %}
    {%- set raw_types = {} -%}
    {%- for raw_column in adapter.get_columns_in_relation(relation) -%}
        {%- do raw_types.update({raw_column.name | lower: raw_column.data_type}) -%}
    {%- endfor %}
    select
        {%- for column in columns %}
        {{ raw_column_expression(column, raw_types) }} as {{ raw_column_alias(column) }},
        {%- endfor %}
        '{{ relation.schema }}' as source_schema
    from {{ relation }}
    {%- if not loop.last %}
    union all
    {%- endif -%}
    {%- endfor -%}
    {%- endif -%}
{%- endmacro %}


{% macro raw_column_alias(column) -%}
    {%- if column.alias -%}{{ column.alias }}
    {%- elif column.name is string -%}{{ column.name }}
    {%- else -%}{{ column.name[0] }}
    {%- endif -%}
{%- endmacro %}


{% macro raw_column_expression(column, raw_types) -%}
    {%- set names = [column.name] if column.name is string else column.name -%}
    {%- set present = [] -%}
    {%- for name in names if (name | lower) in raw_types -%}
        {%- do present.append(raw_value_as(name, raw_types[name | lower], column.type)) -%}
    {%- endfor -%}
    {%- if present | length == 0 -%}
        cast(null as {{ column_type(column.type) }})
    {%- elif present | length == 1 -%}
        {{ present[0] }}
    {%- else -%}
        coalesce({{ present | join(', ') }})
    {%- endif -%}
{%- endmacro %}


{% macro raw_value_as(name, raw_type, kind) -%}
    {%- set quoted = adapter.quote(name) -%}
    {%- if kind == 'timestamp' -%}
        {{ to_utc_timestamp(quoted, raw_type) }}
    {%- elif kind == 'string' -%}
        cast({{ quoted }} as {{ dbt.type_string() }})
    {%- else -%}
        {{ safe_cast(quoted, kind) }}
    {%- endif -%}
{%- endmacro %}
