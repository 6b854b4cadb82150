{{ config(tags=['macro_test']) }}
{#- sha256_hex on the FIPS 180-2 test vectors: lower-case hex of the digest. -#}
with

cases as (

    select
        'abc' as case_name,
        {{ sha256_hex("'abc'") }} as actual,
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' as expected

    union all

    select
        'empty string',
        {{ sha256_hex("''") }},
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

)

select *
from cases
where actual is distinct from expected
