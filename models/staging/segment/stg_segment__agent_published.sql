{{ stage_segment_event(ref('base_segment__agent_published'), 'agent_published', ['tenant_id', 'agent_id', 'channel', 'llm_model', 'knowledge_items']) }}
