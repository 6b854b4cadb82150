{{ config(tags=['macro_test']) }}
{#- json_extract_text on literal JSON: PostHog's `$`-keys, nested keys, absent keys, JSON
    null, non-string values and keys that would be JSONPath syntax if not quoted. -#}
with

documents as (

    select
        '{"$current_url": "https://app.example.com/a", "$groups": {"tenant": "ten_1"}, '
        || '"plan": "pro", "size_kb": 12.5, "is_test": true, "empty": "", "none": null, '
        || '"a.b": "dotted", "with space": "spaced"}' as properties

),

cases as (

    select
        '$-key' as case_name,
        {{ json_extract_text('properties', ['$current_url']) }} as actual,
        'https://app.example.com/a' as expected
    from documents

    union all

    select
        'nested $-key',
        {{ json_extract_text('properties', ['$groups', 'tenant']) }},
        'ten_1'
    from documents

    union all

    select
        'a single key given as a string',
        {{ json_extract_text('properties', 'plan') }},
        'pro'
    from documents

    union all

    select
        'absent key is null',
        {{ json_extract_text('properties', ['tenant_id']) }},
        cast(null as {{ dbt.type_string() }})
    from documents

    union all

    select
        'absent nested key is null',
        {{ json_extract_text('properties', ['$groups', 'company']) }},
        cast(null as {{ dbt.type_string() }})
    from documents

    union all

    select
        'JSON null is null',
        {{ json_extract_text('properties', ['none']) }},
        cast(null as {{ dbt.type_string() }})
    from documents

    union all

    select
        'empty string stays empty',
        {{ json_extract_text('properties', ['empty']) }},
        ''
    from documents

    union all

    select
        'number as text',
        {{ json_extract_text('properties', ['size_kb']) }},
        '12.5'
    from documents

    union all

    select
        'boolean as text',
        {{ json_extract_text('properties', ['is_test']) }},
        'true'
    from documents

    union all

    select
        'key with a dot',
        {{ json_extract_text('properties', ['a.b']) }},
        'dotted'
    from documents

    union all

    select
        'key with a space',
        {{ json_extract_text('properties', ['with space']) }},
        'spaced'
    from documents

)

select *
from cases
where actual is distinct from expected
