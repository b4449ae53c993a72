CREATE TABLE "ticket_search" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"head" "tsvector" NOT NULL,
	"doc" "tsvector" NOT NULL,
	"ids" text[] NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "tickets_customer_idx";--> statement-breakpoint
ALTER TABLE "ticket_search" ADD CONSTRAINT "ticket_search_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_search_head_idx" ON "ticket_search" USING gin ("head");--> statement-breakpoint
CREATE INDEX "ticket_search_doc_idx" ON "ticket_search" USING gin ("doc");--> statement-breakpoint
CREATE INDEX "ticket_search_ids_idx" ON "ticket_search" USING gin ("ids");--> statement-breakpoint
CREATE INDEX "customers_email_lower_idx" ON "customers" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "customers_name_lower_idx" ON "customers" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "customers_contact_trgm_idx" ON "customers" USING gin ((lower(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(uid, ''))) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "tickets_activity_idx" ON "tickets" USING btree ("last_activity_at","number");--> statement-breakpoint
CREATE INDEX "tickets_active_activity_idx" ON "tickets" USING btree ("last_activity_at","number") WHERE status in ('new', 'open', 'pending', 'on_hold');--> statement-breakpoint
CREATE INDEX "tickets_active_assignee_idx" ON "tickets" USING btree ("assignee_id","last_activity_at","number") WHERE status in ('new', 'open', 'pending', 'on_hold');--> statement-breakpoint
CREATE INDEX "tickets_active_team_idx" ON "tickets" USING btree ("team_id","last_activity_at","number") WHERE status in ('new', 'open', 'pending', 'on_hold');--> statement-breakpoint
CREATE INDEX "tickets_active_priority_idx" ON "tickets" USING btree ((case priority when 'urgent' then 4 when 'high' then 3 when 'normal' then 2 else 1 end),"last_activity_at","number") WHERE status in ('new', 'open', 'pending', 'on_hold');--> statement-breakpoint
CREATE INDEX "tickets_active_number_idx" ON "tickets" USING btree ("number") WHERE status in ('new', 'open', 'pending', 'on_hold');--> statement-breakpoint
CREATE INDEX "tickets_customer_idx" ON "tickets" USING btree ("customer_id","last_activity_at","number");