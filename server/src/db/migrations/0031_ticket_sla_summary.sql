ALTER TABLE "tickets" ADD COLUMN "sla_warn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_paused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Existing tickets take their clocks' summary from ticket_sla_targets (only tickets with a clock
-- that is running or paused are touched; the rest keep null and false).
UPDATE "tickets" SET "sla_warn_at" = s."warn_at", "sla_paused" = s."paused"
FROM (
  SELECT "ticket_id",
         min("warn_at") FILTER (WHERE "state" = 'running') AS "warn_at",
         bool_or("state" = 'paused') AS "paused"
  FROM "ticket_sla_targets"
  WHERE "state" IN ('running', 'paused')
  GROUP BY "ticket_id"
) s
WHERE "tickets"."id" = s."ticket_id";
