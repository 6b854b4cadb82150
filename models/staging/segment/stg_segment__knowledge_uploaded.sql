{{ stage_segment_event(ref('base_segment__knowledge_uploaded'), 'knowledge_uploaded', ['tenant_id', 'knowledge_type', 'size_kb', 'chunk_count']) }}
