{#- The existing relations named `table_name` across the Segment schemas of
    var('segment_schemas'). A schema or table that does not exist yet is skipped with a log
    line: a Segment source creates its tables only when it first receives that call. -#}
{% macro segment_relations(table_name) -%}
    {%- set schemas = var('segment_schemas') -%}
    {%- if schemas is string -%}{%- set schemas = [schemas] -%}{%- endif -%}
    {%- set relations = [] -%}
    {%- if execute -%}
        {%- for schema in schemas -%}
            {%- set relation = adapter.get_relation(
                database=target.database, schema=schema, identifier=table_name) -%}
            {%- if relation is none -%}
                {{ log("segment: " ~ schema ~ "." ~ table_name ~ " does not exist; skipped", info=True) }}
            {%- else -%}
                {%- do relations.append(relation) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(relations) }}
{%- endmacro %}
