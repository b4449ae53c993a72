ALTER TABLE "side_conversation_messages" ADD COLUMN "platform_message_id" text;--> statement-breakpoint
ALTER TABLE "side_conversations" ADD COLUMN "channel_id" uuid;--> statement-breakpoint
ALTER TABLE "side_conversations" ADD COLUMN "chat_id" text;--> statement-breakpoint
ALTER TABLE "side_conversations" ADD CONSTRAINT "side_conversations_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "side_conversation_messages_platform_idx" ON "side_conversation_messages" USING btree ("platform_message_id");--> statement-breakpoint
CREATE INDEX "side_conversations_chat_idx" ON "side_conversations" USING btree ("channel_id","chat_id","updated_at");