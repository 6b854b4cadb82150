{#- One row per week × plan with dialogs: dialogs started (each dialog once, at its start),
    distinct agents with at least one dialog started, and dialogs per active agent. The plan
    is the tenant's plan at the dialog's start ('unknown' when the tenant has none).
    Computed in int_usage_intensity_weekly, which recomputes only the weeks that new dialogs
    or plan changes touch; this is its public copy, without the bookkeeping columns. -#}
select
    activity_week,
    plan,
    active_agents,
    dialogs,
    dialogs_per_active_agent
from {{ ref('int_usage_intensity_weekly') }}
