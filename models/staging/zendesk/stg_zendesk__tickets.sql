{#- One row per Zendesk ticket: the latest synced version (by updated_at, then sync time). -#}
with

source as {{ not_materialized() }} (

    select * from {{ ref('base_zendesk__tickets') }}

),

deduplicated as (

    {{ deduplicate('source', 'ticket_id', 'updated_at desc, loaded_at desc') }}

)

select
    ticket_id,
    requester_id,
    organization_id,
    ticket_status,
    priority,
    via_channel,
    coalesce(is_deleted, false) as is_deleted,
    created_at,
    updated_at,
    loaded_at
from deduplicated
