{#- One row per signup cohort week × funnel step (1-5). Per signed-up user each step is reached
    by its first event at or after the time the previous step was reached and no later than
    signup_at + var('funnel_window_days') (inclusive): 1 signup, 2 onboarding_completed,
    3 knowledge_uploaded, 4 agent_published by the user, 5 a dialog of the user's tenant
    started. `users` = users who reached at least that step; every step has a row per cohort. -#}
{%- set steps = [
    (1, 'signup_completed'),
    (2, 'onboarding_completed'),
    (3, 'knowledge_uploaded'),
    (4, 'agent_published'),
    (5, 'dialog_started'),
] -%}
{%- set window_complete_at = dbt.dateadd(
    'day', 7 + var('funnel_window_days'), 'cohort_steps.cohort_week') | trim -%}

with

users as (

    select * from {{ ref('dim_users') }}
    where has_signup

),

user_events as (

    select * from {{ ref('int_events_milestones_identified') }}
    where
        is_canonical_source
        and user_id is not null
        and {{ milestone_filter(
            ['onboarding_completed', 'knowledge_uploaded', 'agent_published']
        ) }}

),

dialogs as (

    select * from {{ ref('int_dialogs_started') }}

),

as_of as (

    select as_of from {{ ref('int_as_of') }}

),

step_1_reached as (

    select
        user_id,
        tenant_id,
        {{ dbt.dateadd('day', var('funnel_window_days'), 'signup_at') }} as window_ends_at,
        signup_at as reached_at
    from users

),

{% for step_number, event_name in steps[1:4] %}
{%- set previous = 'step_' ~ (step_number - 1) %}
step_{{ step_number }} as (

    select
        {{ previous }}.user_id,
        min(user_events.event_at) as step_{{ step_number }}_at
    from {{ previous }}_reached as {{ previous }}
    left join user_events
        on
            {{ previous }}.user_id = user_events.user_id
            and user_events.event_name = '{{ event_name }}'
            and {{ previous }}.reached_at <= user_events.event_at
            and {{ previous }}.window_ends_at >= user_events.event_at
    group by {{ previous }}.user_id

),

step_{{ step_number }}_reached as (

    select
        {{ previous }}.user_id,
        {{ previous }}.tenant_id,
        {{ previous }}.window_ends_at,
        step_{{ step_number }}.step_{{ step_number }}_at as reached_at
    from {{ previous }}_reached as {{ previous }}
    inner join step_{{ step_number }}
        on {{ previous }}.user_id = step_{{ step_number }}.user_id
    where step_{{ step_number }}.step_{{ step_number }}_at is not null

),

{% endfor %}
step_5 as (

    select
        step_4.user_id,
        min(dialogs.started_at) as step_5_at
    from step_4_reached as step_4
    left join dialogs
        on
            step_4.tenant_id = dialogs.tenant_id
            and step_4.reached_at <= dialogs.started_at
            and step_4.window_ends_at >= dialogs.started_at
    group by step_4.user_id

),

furthest as (

    select
        users.user_id,
        {{ week_start('users.signup_at') }} as cohort_week,
        case
            when step_5.step_5_at is not null then 5
            when step_4.step_4_at is not null then 4
            when step_3.step_3_at is not null then 3
            when step_2.step_2_at is not null then 2
            else 1
        end as furthest_step
    from users
    left join step_2 on users.user_id = step_2.user_id
    left join step_3 on users.user_id = step_3.user_id
    left join step_4 on users.user_id = step_4.user_id
    left join step_5 on users.user_id = step_5.user_id

),

steps as (

    {% for step_number, step_name in steps -%}
    select {{ step_number }} as step_number, '{{ step_name }}' as step_name
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

cohort_steps as (

    select
        furthest.cohort_week,
        steps.step_number,
        steps.step_name,
        count(case when furthest.furthest_step >= steps.step_number then 1 end) as users,
        count(*) as cohort_users
    from furthest
    cross join steps
    group by furthest.cohort_week, steps.step_number, steps.step_name

)

select
    cohort_steps.cohort_week,
    cohort_steps.step_number,
    cohort_steps.step_name,
    cohort_steps.users,
    cast(cohort_steps.users as {{ type_double() }}) / cohort_steps.cohort_users
        as conversion_from_first_step,
    as_of.as_of >= {{ window_complete_at }} as is_complete
from cohort_steps
cross join as_of
