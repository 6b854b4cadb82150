{#-
    metrics.md, Activation: a cohort week is complete when cohort_week + 14 days <= as_of.
    Fails on every row whose is_complete says otherwise.
-#}
with

activation as (

    select * from {{ ref('mart_activation_weekly') }}

),

as_of as (

    select as_of from {{ ref('int_as_of') }}

)

select
    activation.cohort_week,
    activation.plan,
    activation.company_size,
    activation.industry,
    activation.is_complete,
    as_of.as_of
from activation
cross join as_of
where
    activation.is_complete
    != ({{ dbt.dateadd('day', 14, 'activation.cohort_week') }} <= as_of.as_of)
