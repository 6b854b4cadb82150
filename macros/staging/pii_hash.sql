{#- A salted SHA-256 (hex) of a personal value, for the few staging columns that a join
    needs (an email shared by Zendesk and Segment): the same value hashes to the same key on
    both sides, and the raw value never leaves staging. The value is trimmed and lower-cased
    first (emails differ in case between tools); null stays null. The salt is var('pii_salt')
    (env var PII_SALT, see dbt_project.yml); an empty salt is refused. -#}
{% macro pii_hash(expression) -%}
    {%- set salt = var('pii_salt', '') | string -%}
    {%- if salt | trim == '' -%}
        {{ exceptions.raise_compiler_error(
            "pii_hash: var 'pii_salt' is empty; set the PII_SALT environment variable") }}
    {%- endif -%}
    {%- set normalised = "lower(trim(" ~ expression ~ "))" -%}
    {%- set salted = dbt.concat(["'" ~ (salt | replace("'", "''")) ~ "'", normalised]) -%}
    case
        when {{ expression }} is not null
            then {{ sha256_hex(salted) }}
    end
{%- endmacro %}
