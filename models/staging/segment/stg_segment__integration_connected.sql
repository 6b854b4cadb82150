{{ stage_segment_event(
    ref('base_segment__integration_connected'),
    'integration_connected',
    segment_event_properties()['integration_connected']
) }}
