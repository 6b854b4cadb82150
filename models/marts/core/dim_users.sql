{#- One row per known product user: everyone with a signup, an identify or an identified
    event. Registration segmentation (metrics.md): plan and signup_source from the first
    signup, company_size and industry from the earliest identify that carries each, tenant
    from the signup's workspace. Users without a signup have null signup fields. -#}
with

registered as (

    select * from {{ ref('int_users_registered') }}

),

traits as (

    select * from {{ ref('int_user_traits_earliest') }}

),

first_seen as (

    {#- The first event of each user: the first times per id combination (kept
        incrementally), resolved through the identity map now, as int_events_identified
        resolves each event. #}
    select * from {{ ref('int_event_ids_first_seen') }}

),

identified_first_seen as (

    {{ identify_events('first_seen') | indent(4) }}

),

event_users as (

    select
        user_id,
        min(first_event_at) as first_event_at
    from identified_first_seen
    where user_id is not null
    group by user_id

),

all_users as (

    select user_id from registered
    union
    select user_id from traits
    union
    select user_id from event_users

)

select
    all_users.user_id,
    registered.tenant_id,
    registered.plan,
    traits.company_size,
    traits.industry,
    registered.signup_source,
    registered.user_id is not null as has_signup,
    registered.signup_at,
    {{ earlier_of('event_users.first_event_at', 'traits.first_identified_at') }}
        as first_seen_at
from all_users
left join registered
    on all_users.user_id = registered.user_id
left join traits
    on all_users.user_id = traits.user_id
left join event_users
    on all_users.user_id = event_users.user_id
