{#- One row per user seen in a non-quarantined Segment identify: company_size and industry,
    each from the earliest identify of the user where that trait is not null (metrics.md).
    Anonymous-only identify rows count for the user their anonymous_id resolves to. -#}
with

identifies as (

    select * from {{ ref('stg_segment__identifies') }}
    where quarantine_reason is null

),

identities as (

    select * from {{ ref('int_identities_mapped') }}
    where identity_type = 'segment_anonymous_id'

),

resolved as (

    select
        coalesce(identifies.user_id, identities.user_id) as user_id,
        identifies.identify_id,
        nullif(identifies.company_size, '') as company_size,
        nullif(identifies.industry, '') as industry,
        identifies.event_at,
        identifies.received_at
    from identifies
    left join identities
        on identifies.anonymous_id = identities.identity_value

),

ranked as (

    select
        *,
        row_number() over (
            partition by user_id
            order by
                case when company_size is null then 1 else 0 end,
                event_at,
                received_at,
                identify_id
        ) as company_size_rank,
        row_number() over (
            partition by user_id
            order by
                case when industry is null then 1 else 0 end,
                event_at,
                received_at,
                identify_id
        ) as industry_rank
    from resolved
    where user_id is not null

)

select
    user_id,
    max(case when company_size_rank = 1 then company_size end) as company_size,
    max(case when industry_rank = 1 then industry end) as industry,
    min(event_at) as first_identified_at
from ranked
group by user_id
