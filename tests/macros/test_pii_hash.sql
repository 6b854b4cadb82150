{{ config(tags=['macro_test']) }}
{#- pii_hash on literal values: salted (not the bare digest), the same key for the same
    email whatever its case and surrounding spaces, distinct for distinct emails, null for
    null. The salt is the project var, so the cases compare hashes with each other. -#}
with

hashes as (

    select
        {{ pii_hash("'ann@example.com'") }} as plain,
        {{ pii_hash("'  Ann@Example.COM '") }} as mixed_case,
        {{ pii_hash("'bob@example.com'") }} as other_email,
        {{ pii_hash("cast(null as " ~ dbt.type_string() ~ ")") }} as null_email,
        {{ sha256_hex("'ann@example.com'") }} as unsalted

),

failures as (

    select 'case and spaces change the hash' as failure from hashes
    where plain <> mixed_case
    union all
    select 'two emails share a hash' from hashes where plain = other_email
    union all
    select 'the salt is not applied' from hashes where plain = unsalted
    union all
    select 'null is hashed' from hashes where null_email is not null
    union all
    select 'not a 64-character hex digest' from hashes
    where length(plain) <> 64 or plain like '%ann%'

)

select * from failures
