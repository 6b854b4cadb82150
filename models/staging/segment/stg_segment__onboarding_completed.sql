{{ stage_segment_event(ref('base_segment__onboarding_completed'), 'onboarding_completed', ['tenant_id', 'duration_minutes', 'touchpoints']) }}
