{{ config(tags=['macro_test']) }}
{#- value_at_min / value_at_max on literal rows: the first key decides, later keys break ties,
    and a null value on the chosen row is returned as null (not skipped). -#}
with

source as (

    select * from (
        values
            ('g1', 1, 20, 'one-twenty'),
            ('g1', 1, 10, 'one-ten'),
            ('g1', 2, 5, 'two-five'),
            ('g2', 1, 1, null),
            ('g2', 1, 2, 'one-two'),
            ('g2', 0, 9, 'zero-nine')
    ) as literal_rows (group_key, first_key, second_key, label)

),

actual as (

    select
        group_key,
        {{ value_at_min('label', ['first_key', 'second_key']) }} as at_min,
        {{ value_at_max('label', ['first_key', 'second_key']) }} as at_max,
        {{ value_at_min('label', ['second_key']) }} as at_min_second
    from source
    group by group_key

),

expected as (

    select * from (
        values
            ('g1', 'one-ten', 'two-five', 'two-five'),
            ('g2', 'zero-nine', 'one-two', null)
    ) as literal_rows (group_key, at_min, at_max, at_min_second)

)

select
    coalesce(actual.group_key, expected.group_key) as group_key,
    actual.at_min,
    expected.at_min as expected_at_min,
    actual.at_max,
    expected.at_max as expected_at_max,
    actual.at_min_second,
    expected.at_min_second as expected_at_min_second
from actual
full outer join expected
    on actual.group_key = expected.group_key
where
    actual.group_key is null
    or expected.group_key is null
    or actual.at_min is distinct from expected.at_min
    or actual.at_max is distinct from expected.at_max
    or actual.at_min_second is distinct from expected.at_min_second
