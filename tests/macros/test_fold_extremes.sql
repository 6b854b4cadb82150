{{ config(tags=['macro_test']) }}
{#- earlier_of / later_of: the earlier / later of two timestamps; a null side (not seen yet)
    loses to the other; null only when both are null. -#}
{%- set ts = dbt.type_timestamp() -%}
{%- set jan_1 = "cast('2026-01-01 10:00:00' as " ~ ts ~ ")" -%}
{%- set jan_2 = "cast('2026-01-02 10:00:00' as " ~ ts ~ ")" -%}
{%- set none_ = "cast(null as " ~ ts ~ ")" -%}
with

cases as (

    select 'earlier, first smaller' as case_name,
        {{ earlier_of(jan_1, jan_2) }} as actual, {{ jan_1 }} as expected
    union all
    select 'earlier, second smaller', {{ earlier_of(jan_2, jan_1) }}, {{ jan_1 }}
    union all
    select 'earlier, first null', {{ earlier_of(none_, jan_2) }}, {{ jan_2 }}
    union all
    select 'earlier, second null', {{ earlier_of(jan_2, none_) }}, {{ jan_2 }}
    union all
    select 'earlier, both null', {{ earlier_of(none_, none_) }}, {{ none_ }}
    union all
    select 'later, first larger', {{ later_of(jan_2, jan_1) }}, {{ jan_2 }}
    union all
    select 'later, second larger', {{ later_of(jan_1, jan_2) }}, {{ jan_2 }}
    union all
    select 'later, first null', {{ later_of(none_, jan_1) }}, {{ jan_1 }}
    union all
    select 'later, second null', {{ later_of(jan_1, none_) }}, {{ jan_1 }}
    union all
    select 'later, both null', {{ later_of(none_, none_) }}, {{ none_ }}

)

select *
from cases
where actual is distinct from expected
