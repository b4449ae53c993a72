ALTER TABLE "teams" ADD COLUMN "overflow_team_id" uuid;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "queue_limit" integer;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_overflow_team_id_teams_id_fk" FOREIGN KEY ("overflow_team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;