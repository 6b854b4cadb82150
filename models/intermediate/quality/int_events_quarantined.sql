{#- One row per deduplicated raw event that violates the tracking plan, with its reason.
    These rows are left out of every metric; nothing is dropped silently. -#}
with

{% for table in staged_tables(with_quarantine=true) %}
{{ table.model }} as (

    select
        '{{ table.source_system }}' as source_system,
        '{{ table.source_table }}' as source_table,
        cast({{ table.key }} as {{ dbt.type_string() }}) as record_id,
        cast({{ table.event }} as {{ dbt.type_string() }}) as event_name,
        quarantine_reason,
        event_at,
        {{ table.received_at }} as received_at
    from {{ ref(table.model) }}
    where quarantine_reason is not null

),

{% endfor %}
unioned as (

    {% for table in staged_tables(with_quarantine=true) %}
    select * from {{ table.model }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select
    {{ dbt.hash(dbt.concat(["source_system", "'|'", "source_table", "'|'", "record_id"])) }}
        as quarantined_event_id,
    *
from unioned
