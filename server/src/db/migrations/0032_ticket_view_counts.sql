CREATE TABLE "ticket_view_counts" (
	"status" text NOT NULL,
	"team_id" uuid,
	"assignee_id" uuid,
	"slot" integer NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "ticket_view_counts_key" UNIQUE NULLS NOT DISTINCT("status","team_id","assignee_id","slot")
);
--> statement-breakpoint
CREATE INDEX "ticket_view_counts_assignee_idx" ON "ticket_view_counts" USING btree ("assignee_id");--> statement-breakpoint
CREATE INDEX "ticket_view_counts_team_idx" ON "ticket_view_counts" USING btree ("team_id");--> statement-breakpoint
-- The counters follow every insert, delete and change of status, team or assignee of a ticket, in
-- the statement that makes it (so they commit or roll back with it). Each backend adds to its own
-- slot: two transactions never wait on one counter row, so no lock order between them can deadlock.
-- Inserts and deletes are counted per statement from its transition table (one upsert per group,
-- however many rows: a bulk insert stays linear); a change is counted per changed row, and only
-- when one of the three columns really changed.
CREATE FUNCTION "ticket_view_counts_added_or_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Each statement is planned only when reached, so each names only its own trigger's table.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ticket_view_counts" AS c ("status", "team_id", "assignee_id", "slot", "n")
    SELECT "status", "team_id", "assignee_id", pg_backend_pid(), count(*) FROM "added_tickets" GROUP BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT "ticket_view_counts_key" DO UPDATE SET "n" = c."n" + excluded."n";
  ELSE
    INSERT INTO "ticket_view_counts" AS c ("status", "team_id", "assignee_id", "slot", "n")
    SELECT "status", "team_id", "assignee_id", pg_backend_pid(), -count(*) FROM "removed_tickets" GROUP BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT "ticket_view_counts_key" DO UPDATE SET "n" = c."n" + excluded."n";
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "ticket_view_counts_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  own_slot integer := pg_backend_pid();
BEGIN
  INSERT INTO "ticket_view_counts" AS c ("status", "team_id", "assignee_id", "slot", "n")
  VALUES (OLD."status", OLD."team_id", OLD."assignee_id", own_slot, -1)
  ON CONFLICT ON CONSTRAINT "ticket_view_counts_key" DO UPDATE SET "n" = c."n" - 1;
  INSERT INTO "ticket_view_counts" AS c ("status", "team_id", "assignee_id", "slot", "n")
  VALUES (NEW."status", NEW."team_id", NEW."assignee_id", own_slot, 1)
  ON CONFLICT ON CONSTRAINT "ticket_view_counts_key" DO UPDATE SET "n" = c."n" + 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "tickets_view_counts_insert" AFTER INSERT ON "tickets"
REFERENCING NEW TABLE AS "added_tickets"
FOR EACH STATEMENT EXECUTE FUNCTION "ticket_view_counts_added_or_removed"();
--> statement-breakpoint
CREATE TRIGGER "tickets_view_counts_delete" AFTER DELETE ON "tickets"
REFERENCING OLD TABLE AS "removed_tickets"
FOR EACH STATEMENT EXECUTE FUNCTION "ticket_view_counts_added_or_removed"();
--> statement-breakpoint
CREATE TRIGGER "tickets_view_counts_update" AFTER UPDATE OF "status", "team_id", "assignee_id" ON "tickets"
FOR EACH ROW
WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."team_id" IS DISTINCT FROM NEW."team_id"
      OR OLD."assignee_id" IS DISTINCT FROM NEW."assignee_id")
EXECUTE FUNCTION "ticket_view_counts_moved"();
--> statement-breakpoint
-- Existing tickets, counted once into slot 0 (a backend's own slot is never 0).
INSERT INTO "ticket_view_counts" ("status", "team_id", "assignee_id", "slot", "n")
SELECT "status", "team_id", "assignee_id", 0, count(*) FROM "tickets" GROUP BY 1, 2, 3;
