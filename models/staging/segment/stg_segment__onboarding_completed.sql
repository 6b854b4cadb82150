{{ stage_segment_event(
    ref('base_segment__onboarding_completed'),
    'onboarding_completed',
    segment_event_properties()['onboarding_completed']
) }}
