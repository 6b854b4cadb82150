{#- One row per combination of ids an event of int_events_unioned carries (its own user id;
    else its anonymous id and distinct id), with the earliest event time seen for it. A minimum
    only ever moves earlier as events arrive, so an incremental run folds the new rows into the
    existing minimum of their combination. Identity resolution is left to the reader
    (dim_users), so a later identify re-attributes these first times without any rebuild. -#}
{{ config(
    materialized=upsert_materialization(),
    incremental_strategy='delete+insert',
    unique_key='ids_key',
    on_schema_change='append_new_columns',
) }}

with

new_events as (

    select
        source_user_id,
        case when source_user_id is null then anonymous_id end as anonymous_id,
        case when source_user_id is null then distinct_id end as distinct_id,
        event_at,
        source_loaded_at
    from {{ ref('int_events_unioned') }}
    {% if is_incremental() -%}
    where source_loaded_at > {{ incremental_since('source_loaded_at') }}
    {%- endif %}

),

grouped as (

    select
        source_user_id,
        anonymous_id,
        distinct_id,
        min(event_at) as first_event_at,
        max(source_loaded_at) as source_loaded_at
    from new_events
    group by source_user_id, anonymous_id, distinct_id

),

keyed as (

    select
        {#- u/a/d tags keep a null apart from an empty id. #}
        {{ dbt.concat([
            "coalesce(" ~ dbt.concat(["'u'", "source_user_id"]) ~ ", '-')", "'|'",
            "coalesce(" ~ dbt.concat(["'a'", "anonymous_id"]) ~ ", '-')", "'|'",
            "coalesce(" ~ dbt.concat(["'d'", "distinct_id"]) ~ ", '-')"
        ]) }} as ids_key,
        source_user_id,
        anonymous_id,
        distinct_id,
        first_event_at,
        source_loaded_at
    from grouped

)

{% if is_incremental() -%}
select
    keyed.ids_key,
    keyed.source_user_id,
    keyed.anonymous_id,
    keyed.distinct_id,
    {{ earlier_of('previous.first_event_at', 'keyed.first_event_at') }} as first_event_at,
    {{ later_of('previous.source_loaded_at', 'keyed.source_loaded_at') }} as source_loaded_at
from keyed
left join {{ this }} as previous
    on keyed.ids_key = previous.ids_key
{%- else -%}
select * from keyed
{%- endif %}
