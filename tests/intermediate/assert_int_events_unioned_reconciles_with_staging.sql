{#-
    Every non-quarantined staged event of the canonical stream sources appears exactly once in
    int_events_unioned, and the stream holds nothing else. Per source table: the staged rows
    with quarantine_reason null (for Segment `tracks`: only events outside the tracking plan,
    whose properties have no table of their own) against the stream's rows of that
    source_table, matched by event id. The list of tables comes from `staged_event_tables()`
    (the staging inventory), not from the stream's own macro, so a table the stream forgets
    fails here. Segment identifies and groups feed the identity map and the plan history,
    Vercel the page-view reconciliation: they are not stream events.
    Compared per table as a checksum (row count and the sum of a 64-bit hash of the event
    ids, hash_integer): equal for the same multiset of ids, different for a missing, extra,
    repeated or altered id except with a probability of about 2^-64. Two scans with a
    handful of groups, instead of a full outer join of every id: this test runs before
    everything downstream of the stream in `dbt build`.
    Returns one row per source table whose row counts or id checksums differ.
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

staged_sums as (

    select
        source_tool,
        source_table,
        count(*) as staged_rows,
        sum({{ hash_integer('event_id') }}) as staged_checksum
    from staged
    group by source_tool, source_table

),

stream_sums as (

    select
        source_tool,
        source_table,
        count(*) as stream_rows,
        sum({{ hash_integer('event_id') }}) as stream_checksum
    from {{ ref('int_events_unioned') }}
    group by source_tool, source_table

),

per_table as (

    select
        coalesce(staged_sums.source_tool, stream_sums.source_tool) as source_tool,
        coalesce(staged_sums.source_table, stream_sums.source_table) as source_table,
        coalesce(staged_sums.staged_rows, 0) as staged_rows,
        coalesce(stream_sums.stream_rows, 0) as stream_rows,
        coalesce(staged_sums.staged_checksum, 0) = coalesce(stream_sums.stream_checksum, 0)
            as same_ids
    from staged_sums
    full outer join stream_sums
        on
            staged_sums.source_tool = stream_sums.source_tool
            and staged_sums.source_table = stream_sums.source_table

)

select *
from per_table
where staged_rows != stream_rows or not same_ids
