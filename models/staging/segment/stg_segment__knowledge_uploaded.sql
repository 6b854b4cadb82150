{{ stage_segment_event(
    ref('base_segment__knowledge_uploaded'),
    'knowledge_uploaded',
    segment_event_properties()['knowledge_uploaded']
) }}
