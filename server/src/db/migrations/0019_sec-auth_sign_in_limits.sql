CREATE TABLE "sign_in_limits" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"blocked_until" timestamp with time zone DEFAULT now() NOT NULL,
	"last_failure_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sign_in_limits_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "used_identity_tokens" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP TABLE "sign_in_failures" CASCADE;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "totp_pending_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "sign_in_limits_last_idx" ON "sign_in_limits" USING btree ("last_failure_at");--> statement-breakpoint
CREATE INDEX "used_identity_tokens_expires_idx" ON "used_identity_tokens" USING btree ("expires_at");