{{ config(tags=['macro_test']) }}
{#- safe_cast on literal text: well-formed values are cast, malformed ones become null
    instead of failing the query. -#}
with

cases as (

    select
        'double' as case_name,
        cast({{ safe_cast("'12.5'", 'double') }} as {{ dbt.type_string() }}) as actual,
        '12.5' as expected

    union all

    select
        'bigint',
        cast({{ safe_cast("'42'", 'bigint') }} as {{ dbt.type_string() }}),
        '42'

    union all

    select
        'malformed bigint is null',
        cast({{ safe_cast("'forty-two'", 'bigint') }} as {{ dbt.type_string() }}),
        null

    union all

    select
        'boolean',
        cast({{ safe_cast("'true'", 'boolean') }} as {{ dbt.type_string() }}),
        'true'

    union all

    select
        'timestamp',
        cast({{ safe_cast("'2026-01-05 10:00:00'", 'timestamp') }} as {{ dbt.type_string() }}),
        '2026-01-05 10:00:00'

    union all

    select
        'a type name instead of a kind (how dbt unit-test fixtures call it)',
        cast({{ safe_cast("'7'", 'INTEGER') }} as {{ dbt.type_string() }}),
        '7'

    union all

    select
        'malformed timestamp is null',
        cast({{ safe_cast("'yesterday-ish'", 'timestamp') }} as {{ dbt.type_string() }}),
        null

)

select *
from cases
where actual is distinct from expected
