{{ stage_segment_event(
    ref('base_segment__agent_published'),
    'agent_published',
    segment_event_properties()['agent_published']
) }}
