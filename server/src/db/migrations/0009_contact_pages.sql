CREATE TABLE "help_deflections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"surface" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "help_deflections" ADD CONSTRAINT "help_deflections_article_id_help_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."help_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_deflections" ADD CONSTRAINT "help_deflections_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "help_deflections_article_idx" ON "help_deflections" USING btree ("article_id");--> statement-breakpoint
CREATE UNIQUE INDEX "help_deflections_once" ON "help_deflections" USING btree ("article_id","customer_id","surface");