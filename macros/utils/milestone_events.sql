{#- The event kinds that int_events_milestones keeps from the stream: the few that the
    user-level models read (signup, the activation-funnel steps, agent publishing, support
    requests), about 4 % of the stream's rows. -#}
{% macro milestone_event_names() -%}
    {{ return([
        'signup_completed',
        'onboarding_completed',
        'knowledge_uploaded',
        'agent_published',
        'support_request_created',
    ]) }}
{%- endmacro %}

{#- A filter `event_name in (...)` for a reader of int_events_milestones(_identified); a name
    that the table does not keep is a compile error, not an empty result. -#}
{% macro milestone_filter(event_names, column='event_name') -%}
    {%- for name in event_names if name not in milestone_event_names() -%}
        {{ exceptions.raise_compiler_error(
            "milestone_filter: int_events_milestones does not keep '" ~ name ~ "' (it keeps "
            ~ milestone_event_names() | join(', ')
            ~ "): add it to milestone_event_names() and run a --full-refresh of the table") }}
    {%- endfor -%}
    {{ column }} in ('{{ event_names | join("', '") }}')
{%- endmacro %}
