{#-
    Every non-quarantined staged event of the canonical stream sources appears exactly once in
    int_events_unioned, and the stream holds nothing else. Per source table: the staged rows
    with quarantine_reason null (for Segment `tracks`: only events outside the tracking plan,
    whose properties have no table of their own) against the stream's rows of that
    source_table, matched by event id. The list of tables comes from `staged_event_tables()`
    (the staging inventory), not from the stream's own macro, so a table the stream forgets
    fails here. Segment identifies and groups feed the identity map and the plan history,
    Vercel the page-view reconciliation: they are not stream events.
    Returns one row per source table whose counts differ or whose ids do not match 1:1.
-#}
{%- set stream_tables = [] -%}
{%- for table in staged_event_tables() -%}
    {%- if table.source_system in ['segment', 'posthog']
        and table.source_table not in ['identifies', 'groups'] -%}
        {%- do stream_tables.append(table) -%}
    {%- endif -%}
{%- endfor %}

with

tracking_plan as (

    select * from {{ ref('tracking_plan') }}

),

staged as (

    {% for table in stream_tables %}
    select
        '{{ table.source_system }}' as source_tool,
        '{{ table.source_table }}' as source_table,
        cast(staged.{{ table.key }} as {{ dbt.type_string() }}) as event_id
    from {{ ref(table.model) }} as staged
    {%- if table.source_table == 'tracks' %}
    left join tracking_plan
        on staged.event_name = tracking_plan.segment_event
    where
        staged.quarantine_reason is null
        and tracking_plan.segment_event is null
    {%- else %}
    where staged.quarantine_reason is null
    {%- endif %}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

staged_ids as (

    select
        source_tool,
        source_table,
        event_id,
        count(*) as staged_rows
    from staged
    group by source_tool, source_table, event_id

),

stream_ids as (

    select
        source_tool,
        source_table,
        event_id,
        count(*) as stream_rows
    from {{ ref('int_events_unioned') }}
    group by source_tool, source_table, event_id

),

matched as (

    select
        coalesce(staged_ids.source_tool, stream_ids.source_tool) as source_tool,
        coalesce(staged_ids.source_table, stream_ids.source_table) as source_table,
        coalesce(staged_ids.staged_rows, 0) as staged_rows,
        coalesce(stream_ids.stream_rows, 0) as stream_rows
    from staged_ids
    full outer join stream_ids
        on
            staged_ids.source_tool = stream_ids.source_tool
            and staged_ids.source_table = stream_ids.source_table
            and staged_ids.event_id = stream_ids.event_id

),

per_table as (

    select
        source_tool,
        source_table,
        sum(staged_rows) as staged_rows,
        sum(stream_rows) as stream_rows,
        sum(case when staged_rows = 1 and stream_rows = 1 then 0 else 1 end)
            as ids_not_matched_once
    from matched
    group by source_tool, source_table

)

select *
from per_table
where staged_rows != stream_rows or ids_not_matched_once > 0
