{#- The optional Segment users table holds latest traits per user; a re-delivered row is a
    newer snapshot, so the latest by received_at wins. -#}
with

source as {{ not_materialized() }} (

    select * from {{ ref('base_segment__users') }}

),

deduplicated as (

    {{ deduplicate('source', 'user_id', 'received_at desc, loaded_at desc, source_schema') }}

)

select
    user_id,
    source_schema,
    plan,
    company_size,
    industry,
    received_at,
    loaded_at
from deduplicated
