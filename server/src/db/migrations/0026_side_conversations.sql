CREATE TABLE "side_conversation_attachments" (
	"message_id" uuid NOT NULL,
	"attachment_id" uuid NOT NULL,
	CONSTRAINT "side_conversation_attachments_message_id_attachment_id_pk" PRIMARY KEY("message_id","attachment_id")
);
--> statement-breakpoint
CREATE TABLE "side_conversation_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"author_agent_id" uuid,
	"from_address" text NOT NULL,
	"to_addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"body" text NOT NULL,
	"rfc_message_id" text,
	"auth" jsonb,
	"verified" boolean,
	"status" text NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "side_conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"participants" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"token" text NOT NULL,
	"created_by_agent_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "side_conversation_attachments" ADD CONSTRAINT "side_conversation_attachments_message_id_side_conversation_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."side_conversation_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "side_conversation_attachments" ADD CONSTRAINT "side_conversation_attachments_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "side_conversation_messages" ADD CONSTRAINT "side_conversation_messages_conversation_id_side_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."side_conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "side_conversation_messages" ADD CONSTRAINT "side_conversation_messages_author_agent_id_agents_id_fk" FOREIGN KEY ("author_agent_id") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "side_conversations" ADD CONSTRAINT "side_conversations_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "side_conversations" ADD CONSTRAINT "side_conversations_created_by_agent_id_agents_id_fk" FOREIGN KEY ("created_by_agent_id") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "side_conversation_attachment_once" ON "side_conversation_attachments" USING btree ("attachment_id");--> statement-breakpoint
CREATE INDEX "side_conversation_messages_conv_idx" ON "side_conversation_messages" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "side_conversation_messages_rfc_idx" ON "side_conversation_messages" USING btree ("rfc_message_id");--> statement-breakpoint
CREATE INDEX "side_conversations_ticket_idx" ON "side_conversations" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "side_conversations_token" ON "side_conversations" USING btree ("token");