{#- One row per day from 2020-01-01 for 16,384 days (to 2064-11-09): MetricFlow's time spine
    (dbt `time_spine:` config), the calendar it joins metrics to for cumulative windows and
    offsets. Built from util_numbers so that it needs no dialect-specific series function. -#}
with

numbers as (

    select * from {{ ref('util_numbers') }}

)

select
    cast(
        {{ dbt.dateadd('day', 'numbers.number_value', "cast('2020-01-01' as date)") }} as date
    ) as date_day
from numbers
