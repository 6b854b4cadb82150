{#-
    Makes the raw data reachable under the schemas and table names the sources declare.
    Where a loader writes tables into the warehouse (DuckDB here, Snowflake, BigQuery, a
    Databricks destination) there is nothing to do. On Spark the raw data are Parquet folders,
    `<raw_path>/<schema>/<table>/*.parquet` (scripts/generate_raw_data.py --format parquet):
    each folder that belongs to a declared source table (every schema of var('segment_schemas')
    for Segment) becomes an external table over it, re-created on each run so that it follows
    the files; a declared table without a folder is skipped and named in the log line (a
    Segment schema holds only the calls it received; segment_relations skips it too). Runs on-run-start (dbt_project.yml).

    raw_path: the root folder; default var('raw_parquet_path').
-#}
{% macro register_raw_tables(raw_path=none) -%}
    {{ return(adapter.dispatch('register_raw_tables', 'product_analytics')(raw_path)) }}
{%- endmacro %}

{% macro default__register_raw_tables(raw_path) -%}
    {{ return('') }}
{%- endmacro %}

{#- dbt-databricks dispatches to spark__ macros: on Databricks the loaders' tables are already
    in the catalog. -#}
{% macro databricks__register_raw_tables(raw_path) -%}
    {{ return('') }}
{%- endmacro %}

{% macro spark__register_raw_tables(raw_path) -%}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set raw_path = (raw_path or var('raw_parquet_path', '')) | trim -%}
    {%- if raw_path == '' or '\'' in raw_path or '`' in raw_path -%}
        {{ exceptions.raise_compiler_error(
            "register_raw_tables: set RAW_PARQUET_PATH (var raw_parquet_path) to the folder of "
            ~ "the raw Parquet tables, <path>/<schema>/<table>/*.parquet; got '" ~ raw_path ~ "'") }}
    {%- endif -%}
    {%- set raw_path = raw_path.rstrip('/') -%}

    {#- The declared raw tables, as schema -> table names. -#}
    {%- set declared = {} -%}
    {%- set segment_schemas = var('segment_schemas') -%}
    {%- if segment_schemas is string -%}{%- set segment_schemas = [segment_schemas] -%}{%- endif -%}
    {%- for source in graph.sources.values() -%}
        {%- set schemas = segment_schemas if source.source_name == 'segment' else [source.schema] -%}
        {%- for schema in schemas -%}
            {%- do declared.setdefault(schema | lower, []).append(source.identifier | lower) -%}
        {%- endfor -%}
    {%- endfor -%}

    {#- The table folders that hold Parquet files (binaryFile lists them without reading the
        contents). A raw_path without any is an error: there would be nothing to build on. -#}
    {%- set folder_pattern = "'^(.*/([^/]+)/([^/]+))/[^/]+[.]parquet$'" -%}
    {%- set listing = run_query(
        "select distinct"
        ~ " regexp_extract(path, " ~ folder_pattern ~ ", 1) as folder,"
        ~ " regexp_extract(path, " ~ folder_pattern ~ ", 2) as schema_name,"
        ~ " regexp_extract(path, " ~ folder_pattern ~ ", 3) as table_name"
        ~ " from binaryFile.`" ~ raw_path ~ "/*/*/*.parquet`") -%}
    {#- Folders as the file system names them (qualified, absolute), by (schema, table). -#}
    {%- set found = {} -%}
    {%- for row in listing.rows -%}
        {%- do found.update({(row['schema_name'] | lower, row['table_name'] | lower): row['folder']}) -%}
    {%- endfor -%}

    {%- set registered = [] -%}
    {%- set missing = [] -%}
    {%- for schema, tables in declared.items() | sort -%}
        {%- set schema_created = [] -%}
        {%- for table in tables | unique | sort -%}
            {%- if (schema, table) not in found -%}
                {%- do missing.append(schema ~ "." ~ table) -%}
            {%- else -%}
                {%- set existing = adapter.get_relation(database=none, schema=schema, identifier=table) -%}
                {%- if existing is not none and 'Type: MANAGED' in (existing.information or '') -%}
                    {{ exceptions.raise_compiler_error(
                        "register_raw_tables: " ~ schema ~ "." ~ table ~ " is a managed table, "
                        ~ "not an external one over raw files; refusing to replace it") }}
                {%- endif -%}
                {%- if not schema_created -%}
                    {%- do run_query("create database if not exists " ~ schema) -%}
                    {%- do schema_created.append(schema) -%}
                {%- endif -%}
                {%- do run_query("drop table if exists " ~ schema ~ "." ~ table) -%}
                {%- do run_query("create table " ~ schema ~ "." ~ table ~ " using parquet location '"
                    ~ found[(schema, table)] ~ "'") -%}
                {#- dbt's relation cache listed the schema above: tell it, or get_relation
                    (segment_relations) would still see the schema as it was. -#}
                {%- if existing is not none -%}{%- do adapter.cache_dropped(existing) -%}{%- endif -%}
                {%- do adapter.cache_added(api.Relation.create(
                    schema=schema, identifier=table, type='table')) -%}
                {%- do registered.append(schema ~ "." ~ table) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ log("register_raw_tables: " ~ registered | length ~ " external tables over " ~ raw_path
        ~ "; declared but without Parquet files (skipped): "
        ~ (missing | join(', ') if missing else 'none'), info=True) }}
    {{ return('') }}
{%- endmacro %}
