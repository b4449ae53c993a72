-- The GIN indexes that requests read while tickets and customers keep arriving get a 128 kB pending
-- list (db/gin.ts says why). ALTER, not a rebuild: at a million tickets a rebuild takes minutes.
-- The lists already pending are merged now, so no search reads a large one after the upgrade.
ALTER INDEX "customers_contact_trgm_idx" SET (gin_pending_list_limit = 128);--> statement-breakpoint
ALTER INDEX "customers_custom_fields_idx" SET (gin_pending_list_limit = 128);--> statement-breakpoint
ALTER INDEX "ticket_search_head_idx" SET (gin_pending_list_limit = 128);--> statement-breakpoint
ALTER INDEX "ticket_search_doc_idx" SET (gin_pending_list_limit = 128);--> statement-breakpoint
ALTER INDEX "ticket_search_ids_idx" SET (gin_pending_list_limit = 128);--> statement-breakpoint
ALTER INDEX "tickets_tags_idx" SET (gin_pending_list_limit = 128);--> statement-breakpoint
ALTER INDEX "tickets_custom_fields_idx" SET (gin_pending_list_limit = 128);--> statement-breakpoint
SELECT gin_clean_pending_list(to_regclass(name))
FROM unnest(ARRAY['customers_contact_trgm_idx', 'customers_custom_fields_idx', 'ticket_search_head_idx',
                  'ticket_search_doc_idx', 'ticket_search_ids_idx', 'tickets_tags_idx', 'tickets_custom_fields_idx']) AS name;
