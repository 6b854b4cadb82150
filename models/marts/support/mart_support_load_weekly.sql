{#- One row per week × plan with support requests: Zendesk tickets and backend
    `support_request_created` events as one set of requests (see int_support_requests_unified),
    each counted once in the week of its earlier time, under the requester's tenant plan at
    that time ('unknown' when the requester or their plan can't be resolved). -#}
with

requests as (

    select * from {{ ref('int_support_requests_unified') }}

)

select
    {{ week_start('requested_at') }} as request_week,
    plan,
    count(*) as support_requests,
    count(case when request_source = 'zendesk_and_event' then 1 end) as matched_requests,
    count(case when request_source = 'zendesk_only' then 1 end) as zendesk_only_requests,
    count(case when request_source = 'event_only' then 1 end) as event_only_requests
from requests
where requested_at is not null
group by {{ week_start('requested_at') }}, plan
