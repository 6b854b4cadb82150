{{ config(materialized='view') }}
{#- int_events_milestones with the product user behind each row resolved through the identity
    map, retroactively: the same resolution as int_events_identified (identify_events), for
    the models that read only these event kinds. -#}
{{ identify_events(ref('int_events_milestones')) }}
