ALTER TABLE "tickets" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
-- Backfill: each ticket's earliest due time among its ticking clocks, as sla/refresh.ts keeps it.
UPDATE "tickets" SET "sla_due_at" = d."due_at"
FROM (
  SELECT "ticket_id", min("due_at") AS "due_at" FROM "ticket_sla_targets"
  WHERE "state" IN ('running', 'breached') AND "due_at" IS NOT NULL
  GROUP BY "ticket_id"
) d
WHERE "tickets"."id" = d."ticket_id";--> statement-breakpoint
CREATE INDEX "tickets_active_sla_idx" ON "tickets" USING btree (coalesce("sla_due_at", 'infinity'::timestamptz),"last_activity_at","number") WHERE status in ('new', 'open', 'pending', 'on_hold');
