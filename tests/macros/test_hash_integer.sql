{{ config(tags=['macro_test']) }}
{#- hash_integer: equal inputs hash alike, different inputs apart, the value is a 64-bit
    integer, and a checksum (count, sum) tells a set from the same set with a row replaced
    by a copy of another one. -#}
with

ids as (

    select 'a' as id
    union all select 'b'
    union all select 'c'

),

hashed as (

    select
        id,
        {{ hash_integer('id') }} as hashed,
        {{ hash_integer("concat(id, '')") }} as hashed_again
    from ids

),

checksums as (

    select sum(hashed) as checksum from hashed

    union all

    {# c replaced by a second a: same row count. #}
    select sum({{ hash_integer("case when id = 'c' then 'a' else id end") }}) from ids

),

failures as (

    select 'unequal hashes of one value' as failure, id from hashed
    where hashed <> hashed_again

    union all

    select 'outside the 64-bit range', id from hashed
    where
        hashed < -9223372036854775808
        or hashed > 18446744073709551615
        or hashed <> round(hashed)

    union all

    select 'two values hash alike', min(id) from hashed
    group by hashed
    having count(*) > 1

    union all

    select 'checksum misses a replaced row', cast(null as {{ dbt.type_string() }})
    from checksums
    having count(distinct checksum) < 2

)

select * from failures
