{#- One row per Zendesk user: the latest synced version. `user_id` is the product user id
    (Zendesk external_id), null for requesters unknown to the product. The email survives
    only as `email_hash` (pii_hash), the key that matches stg_segment__identifies. -#}
with

source as {{ not_materialized() }} (

    select * from {{ ref('base_zendesk__users') }}

),

deduplicated as (

    {{ deduplicate('source', 'zendesk_user_id', 'updated_at desc, loaded_at desc') }}

)

select
    zendesk_user_id,
    nullif(user_id, '') as user_id,
    {{ pii_hash('email') }} as email_hash,
    coalesce(is_deleted, false) as is_deleted,
    created_at,
    updated_at,
    loaded_at
from deduplicated
