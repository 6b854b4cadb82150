{{ config(tags=['macro_test']) }}
{#- to_utc_timestamp on literal values of every raw type a loader may write. The expected
    values are UTC wall times. The inputs carry non-UTC offsets, so a conversion that dropped
    the offset or used the session time zone would show; the text case without an offset is
    UTC by the raw-data contract and must not move with the session time zone either. -#}
with

cases as (

    select
        'timestamptz at +02:00' as case_name,
        {{ to_utc_timestamp(
            "cast('2026-01-05 12:00:00+02:00' as " ~ type_timestamp_tz() ~ ")",
            'TIMESTAMP WITH TIME ZONE'
        ) }} as actual,
        cast('2026-01-05 10:00:00' as timestamp) as expected

    union all

    select
        'timestamptz at -08:00, crossing midnight and the year',
        {{ to_utc_timestamp(
            "cast('2025-12-31 20:00:00.250-08:00' as " ~ type_timestamp_tz() ~ ")", 'timestamptz'
        ) }},
        cast('2026-01-01 04:00:00.250' as timestamp)

    union all

    select
        'timestamp is kept as it is',
        {{ to_utc_timestamp("cast('2026-03-29 02:30:00' as timestamp)", 'TIMESTAMP') }},
        cast('2026-03-29 02:30:00' as timestamp)

    union all

    select
        'text with an offset',
        {{ to_utc_timestamp("'2026-01-05 12:00:00+02:00'", 'VARCHAR') }},
        cast('2026-01-05 10:00:00' as timestamp)

    union all

    select
        'text without an offset is UTC',
        {{ to_utc_timestamp("'2026-01-05 10:00:00'", 'VARCHAR') }},
        cast('2026-01-05 10:00:00' as timestamp)

    union all

    select
        'text that is not a time is null',
        {{ to_utc_timestamp("'not a time'", 'VARCHAR') }},
        cast(null as timestamp)

    union all

    select
        'null timestamptz is null',
        {{ to_utc_timestamp(
            "cast(null as " ~ type_timestamp_tz() ~ ")", 'TIMESTAMP WITH TIME ZONE'
        ) }},
        cast(null as timestamp)

)

select *
from cases
where actual is distinct from expected
