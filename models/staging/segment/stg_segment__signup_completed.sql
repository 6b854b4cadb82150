{{ stage_segment_event(ref('base_segment__signup_completed'), 'signup_completed', ['tenant_id', 'plan', 'signup_source']) }}
