{{ config(tags=['macro_test']) }}
{#- deduplicate on literal rows: one row per key, the first by the order given (ascending
    keeps the first delivery, `desc` the latest version); a null sort value sorts last; rows
    without a key make one group; a key sent once passes unranked. -#}
with

source as (

    select * from (
        values
            ('k1', 2, 'second'),
            ('k1', 1, 'first'),
            ('k1', 3, 'third'),
            ('k2', 1, 'only'),
            ('k3', null, 'no position'),
            ('k3', 5, 'five'),
            (null, 2, 'no key, second'),
            (null, 1, 'no key, first'),
            ('k4', null, 'once, no position')
    ) as literal_rows (record_key, position, label)

),

first_rows as (

    {{ deduplicate('source', 'record_key', 'position') }}

),

latest_rows as (

    {{ deduplicate('source', 'record_key', 'position desc') }}

),

actual as (

    select 'first' as kept, record_key, label, _delivery_rank from first_rows
    union all
    select 'latest' as kept, record_key, label, _delivery_rank from latest_rows
    where record_key is distinct from 'k3'

),

expected as (

    select * from (
        values
            ('first', 'k1', 'first'),
            ('first', 'k2', 'only'),
            ('first', 'k3', 'five'),
            ('first', null, 'no key, first'),
            ('first', 'k4', 'once, no position'),
            ('latest', 'k1', 'third'),
            ('latest', 'k2', 'only'),
            ('latest', null, 'no key, second'),
            ('latest', 'k4', 'once, no position')
    ) as literal_rows (kept, record_key, label)

)

select
    coalesce(actual.kept, expected.kept) as kept,
    coalesce(actual.record_key, expected.record_key) as record_key,
    actual.label as actual_label,
    expected.label as expected_label,
    actual._delivery_rank
from actual
full outer join expected
    on actual.kept = expected.kept
    and actual.record_key is not distinct from expected.record_key
where actual.label is distinct from expected.label
    or actual._delivery_rank != 1
