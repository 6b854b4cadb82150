{#- One row per PostHog distinct_id and person_distinct_id_version (a re-exported version is
    the same row: the latest export wins). Which version is current is decided downstream. -#}
with

source as {{ not_materialized() }} (

    select * from {{ ref('base_posthog__persons') }}

),

deduplicated as (

    {{ deduplicate('source', 'person_distinct_id_key', 'loaded_at desc, person_version desc') }}

)

select
    person_distinct_id_key,
    distinct_id,
    person_id,
    team_id,
    person_distinct_id_version,
    person_version,
    coalesce(is_deleted, false) as is_deleted,
    created_at,
    loaded_at
from deduplicated
