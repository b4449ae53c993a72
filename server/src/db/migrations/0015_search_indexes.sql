DROP INDEX "help_articles_title_trgm_idx";--> statement-breakpoint
DROP INDEX "help_articles_search_idx";--> statement-breakpoint
DROP INDEX "help_articles_head_idx";--> statement-breakpoint
CREATE INDEX "help_terms_trgm_idx" ON "help_terms" USING gin ("term" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "help_articles_search_idx" ON "help_articles" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "help_articles_head_idx" ON "help_articles" USING gin ("head_vector") WITH (fastupdate=false);