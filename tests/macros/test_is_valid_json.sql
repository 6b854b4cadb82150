{{ config(tags=['macro_test']) }}
{#- is_valid_json on literal text: parseable JSON is true, anything else (null included) false. -#}
with

cases as (

    select * from (
        values
            ('object', '{"a": 1}', true),
            ('empty object', '{}', true),
            ('array', '[1, 2]', true),
            ('truncated object', '{"a": 1', false),
            ('not json', 'not json', false),
            ('empty text', '', false),
            ('null', null, false)
    ) as literal_rows (case_name, document, expected)

),

checked as (

    select
        case_name,
        document,
        expected,
        {{ is_valid_json('document') }} as actual
    from cases

)

select *
from checked
where actual is distinct from expected
