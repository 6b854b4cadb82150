{{ config(tags=['macro_test']) }}
{#- json_extract_texts on literal JSON: each name gets the value at its own path (the values
    are extracted together, so a wrong position would hand one name another's value), with
    nested, absent and non-string values as json_extract_text gives them. -#}
{%- set texts = json_extract_texts('properties', {
    'url': ['$current_url'],
    'tenant': ['$groups', 'tenant'],
    'missing': ['tenant_id'],
    'size': ['size_kb'],
    'plan': 'plan',
    'dotted': ['a.b'],
}) -%}
with

documents as (

    select
        '{"$current_url": "https://app.example.com/a", "$groups": {"tenant": "ten_1"}, '
        || '"plan": "pro", "size_kb": 12.5, "a.b": "dotted"}' as properties

),

cases as (

    select
        '$-key' as case_name,
        {{ texts['url'] }} as actual,
        'https://app.example.com/a' as expected
    from documents

    union all

    select
        'nested $-key',
        {{ texts['tenant'] }},
        'ten_1'
    from documents

    union all

    select
        'absent key is null',
        {{ texts['missing'] }},
        cast(null as {{ dbt.type_string() }})
    from documents

    union all

    select
        'number as text',
        {{ texts['size'] }},
        '12.5'
    from documents

    union all

    select
        'a single key given as a string',
        {{ texts['plan'] }},
        'pro'
    from documents

    union all

    select
        'key with a dot',
        {{ texts['dotted'] }},
        'dotted'
    from documents

    union all

    select
        'one expression per name',
        cast({{ texts | length }} as {{ dbt.type_string() }}),
        '6'
    from documents

)

select *
from cases
where actual is distinct from expected
