CREATE TABLE "email_notice_queue" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source_id" text NOT NULL,
	"preview" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"queued_at" timestamp with time zone,
	"mailed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "email_notice_queue" ADD CONSTRAINT "email_notice_queue_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_notice_queue_source" ON "email_notice_queue" USING btree ("kind","source_id");--> statement-breakpoint
CREATE INDEX "email_notice_queue_ticket_idx" ON "email_notice_queue" USING btree ("ticket_id","mailed_at");