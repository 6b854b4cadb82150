{#-
    metrics.md, Alerts: support_request_spike is evaluated from the 29th day of the series that
    starts on the day of the first support request (a full baseline of 28 days before it), on
    a day with at least var('support_spike_min_requests') requests. Fails on every spike
    alert raised earlier, or whose metric_value is not that day's number of requests.
-#}
with

alerts as (

    select * from {{ ref('mart_alerts') }}
    where alert_type = 'support_request_spike'

),

requests as (

    select * from {{ ref('int_support_requests_unified') }}
    where requested_at is not null

),

daily_requests as (

    select
        cast(requested_at as date) as request_date,
        count(*) as support_requests
    from requests
    group by cast(requested_at as date)

),

first_request as (

    select min(request_date) as first_request_date from daily_requests

)

select
    alerts.period_start,
    alerts.metric_value,
    daily_requests.support_requests,
    first_request.first_request_date
from alerts
cross join first_request
left join daily_requests
    on alerts.period_start = daily_requests.request_date
where
    alerts.period_start < {{ dbt.dateadd(
        'day', var('support_spike_baseline_days'), 'first_request.first_request_date'
    ) }}
    or daily_requests.support_requests is null
    or alerts.metric_value != daily_requests.support_requests
    or alerts.metric_value < {{ var('support_spike_min_requests') }}
