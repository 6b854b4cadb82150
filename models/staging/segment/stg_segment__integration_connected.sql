{{ stage_segment_event(ref('base_segment__integration_connected'), 'integration_connected', ['tenant_id', 'integration', 'integration_status']) }}
