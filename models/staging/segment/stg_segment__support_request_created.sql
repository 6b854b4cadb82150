{{ stage_segment_event(ref('base_segment__support_request_created'), 'support_request_created', ['tenant_id', 'ticket_id', 'channel']) }}
