{{ config(tags=['macro_test']) }}
{#- plan_violation_reason on literal rows, with the project's default
    max_event_after_receive_hours (24). Properties `tenant_id` and `plan`; `plan_id` in a
    required list must not make `plan` required (names are matched whole). -#}
with

cases as (

    select * from (
        values
            (
                'clean',
                '2026-01-05 10:00:00', '2026-01-05 10:00:01', 'plan|tenant_id', 'pro', 'ten_1',
                null
            ),
            (
                'required property null',
                '2026-01-05 10:00:00', '2026-01-05 10:00:01', 'plan|tenant_id', null, 'ten_1',
                'missing_property:plan'
            ),
            (
                'required property empty',
                '2026-01-05 10:00:00', '2026-01-05 10:00:01', 'plan|tenant_id', '', 'ten_1',
                'missing_property:plan'
            ),
            (
                'two missing, in property order',
                '2026-01-05 10:00:00', '2026-01-05 10:00:01', 'plan|tenant_id', null, '',
                'missing_property:tenant_id; missing_property:plan'
            ),
            (
                'missing but not required',
                '2026-01-05 10:00:00', '2026-01-05 10:00:01', 'tenant_id', null, 'ten_1',
                null
            ),
            (
                'name matched whole',
                '2026-01-05 10:00:00', '2026-01-05 10:00:01', 'plan_id|tenant_id', null, 'ten_1',
                null
            ),
            (
                'event outside the plan',
                '2026-01-05 10:00:00', '2026-01-05 10:00:01', null, null, null,
                null
            ),
            (
                'exactly 24 h after receipt',
                '2026-01-06 10:00:00', '2026-01-05 10:00:00', 'plan', 'pro', null,
                null
            ),
            (
                '24 h and 1 s after receipt',
                '2026-01-06 10:00:01', '2026-01-05 10:00:00', 'plan', 'pro', null,
                'timestamp_after_received_at'
            ),
            (
                'received days late',
                '2026-01-01 10:00:00', '2026-01-05 10:00:00', 'plan', 'pro', null,
                null
            ),
            (
                'no event time',
                null, '2026-01-05 10:00:00', 'plan', 'pro', null,
                'missing_timestamp'
            ),
            (
                'no time and a missing property',
                null, '2026-01-05 10:00:00', 'plan', null, null,
                'missing_timestamp; missing_property:plan'
            ),
            (
                'too late and a missing property',
                '2026-01-07 10:00:00', '2026-01-05 10:00:00', 'plan', null, null,
                'timestamp_after_received_at; missing_property:plan'
            )
    ) as literal_rows (
        case_name, event_at_text, received_at_text, required_properties, plan, tenant_id, expected
    )

),

typed as (

    select
        case_name,
        cast(event_at_text as {{ dbt.type_timestamp() }}) as event_at,
        cast(received_at_text as {{ dbt.type_timestamp() }}) as received_at,
        cast(required_properties as {{ dbt.type_string() }}) as required_properties,
        cast(plan as {{ dbt.type_string() }}) as plan,
        cast(tenant_id as {{ dbt.type_string() }}) as tenant_id,
        cast(expected as {{ dbt.type_string() }}) as expected
    from cases

),

checked as (

    select
        case_name,
        expected,
        {{ plan_violation_reason(
            'typed.event_at',
            'typed.received_at',
            'typed.required_properties',
            ['tenant_id', 'plan'],
            'typed.'
        ) | indent(8) }} as actual
    from typed

)

select *
from checked
where actual is distinct from expected
