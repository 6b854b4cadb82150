{{ config(tags=['macro_test']) }}
{#- integral_text: whole numbers lose their fractional part, any other text is kept. -#}
with

cases as (

    select
        'a DOUBLE id cast to text' as case_name,
        {{ integral_text("cast(cast(40002 as " ~ type_double() ~ ") as " ~ dbt.type_string() ~ ")") }}
            as actual,
        '40002' as expected

    union all

    select 'whole number with zeros', {{ integral_text("'40002.000'") }}, '40002'

    union all

    select 'integer text', {{ integral_text("'40002'") }}, '40002'

    union all

    select 'a fraction is kept', {{ integral_text("'40002.5'") }}, '40002.5'

    union all

    select 'not a number is kept', {{ integral_text("'ZD-40002'") }}, 'ZD-40002'

    union all

    select 'null', {{ integral_text("cast(null as " ~ dbt.type_string() ~ ")") }}, null

)

select *
from cases
where actual is distinct from expected
