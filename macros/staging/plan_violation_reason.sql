{#-
    Why a staged event violates the tracking plan, or null when it does not (metrics.md):
    - `missing_timestamp`: no event time;
    - `timestamp_after_received_at`: event time more than var('max_event_after_receive_hours')
      after the time the collector received it (a client clock Segment/PostHog could not fix);
    - `missing_property:<name>`: a property the plan requires (the tracking_plan seed's
      `required_properties`, pipe-separated) is null or empty.
    Several reasons are joined with '; '.

    event_at / received_at: column expressions; required_properties: the seed column
    (null for events outside the plan: those are never quarantined for properties);
    property_columns: the unified property columns the staged model has; column_prefix: the
    relation alias they are read from (e.g. 'deduplicated.').
-#}
{% macro plan_violation_reason(event_at, received_at, required_properties, property_columns, column_prefix='') -%}
    {%- set padded_required = dbt.concat(["'|'", "coalesce(" ~ required_properties ~ ", '')", "'|'"]) -%}
    nullif(concat_ws(
        '; ',
        case when {{ event_at }} is null then 'missing_timestamp' end,
        case
            when {{ event_at }} > {{ dbt.dateadd('hour', var('max_event_after_receive_hours'), received_at) }}
                then 'timestamp_after_received_at'
        end
        {%- for property in property_columns %},
        case
            when {{ dbt.position("'|" ~ property ~ "|'", padded_required) }} > 0
                and coalesce(cast({{ column_prefix }}{{ property }} as {{ dbt.type_string() }}), '') = ''
                then 'missing_property:{{ property }}'
        end
        {%- endfor %}
    ), '')
{%- endmacro %}
