{#- Every raw row of the PostHog persons export, keyed by (team, distinct_id, version);
    person properties (email) are not carried. -#}
with

raw_rows as (

{{ select_raw_columns([source('posthog', 'persons')], [
    {'name': 'team_id', 'type': 'bigint'},
    {'name': 'distinct_id', 'type': 'string'},
    {'name': 'person_id', 'type': 'string'},
    {'name': 'person_distinct_id_version', 'type': 'bigint'},
    {'name': 'person_version', 'type': 'bigint'},
    {'name': 'is_deleted', 'type': 'boolean'},
    {'name': 'created_at', 'type': 'timestamp'},
    {'name': '_inserted_at', 'alias': 'loaded_at', 'type': 'timestamp'},
]) }}

)

select
    {{ dbt.hash(dbt.concat([
        "coalesce(cast(team_id as " ~ dbt.type_string() ~ "), '')", "'|'",
        "coalesce(distinct_id, '')", "'|'",
        "coalesce(cast(person_distinct_id_version as " ~ dbt.type_string() ~ "), '')"
    ])) }} as person_distinct_id_key,
    *
from raw_rows
