{{ config(tags=['macro_test']) }}
{#- epoch_ms_to_timestamp on literal epoch milliseconds. Expected values worked out by hand:
    2026-01-01 is day 20454 after 1970-01-01 (56 years, 14 leap days) = 1 767 225 600 s;
    2024-02-29 is day 19782 = 1 709 164 800 s. -#}
with

cases as (

    select
        'the epoch' as case_name,
        {{ epoch_ms_to_timestamp('cast(0 as bigint)') }} as actual,
        cast('1970-01-01 00:00:00' as timestamp) as expected

    union all

    select
        'milliseconds are kept',
        {{ epoch_ms_to_timestamp('cast(1767275130123 as bigint)') }},
        cast('2026-01-01 13:45:30.123' as timestamp)

    union all

    select
        'leap day',
        {{ epoch_ms_to_timestamp('cast(1709208000000 as bigint)') }},
        cast('2024-02-29 12:00:00' as timestamp)

    union all

    select
        'before the epoch',
        {{ epoch_ms_to_timestamp('cast(-1000 as bigint)') }},
        cast('1969-12-31 23:59:59' as timestamp)

    union all

    select
        'null is null',
        {{ epoch_ms_to_timestamp('cast(null as bigint)') }},
        cast(null as timestamp)

)

select *
from cases
where actual is distinct from expected
