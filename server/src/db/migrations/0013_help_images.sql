CREATE TABLE "help_article_images" (
	"article_id" uuid NOT NULL,
	"attachment_id" uuid NOT NULL,
	CONSTRAINT "help_article_images_article_id_attachment_id_pk" PRIMARY KEY("article_id","attachment_id")
);
--> statement-breakpoint
CREATE TABLE "help_images" (
	"attachment_id" uuid PRIMARY KEY NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "help_article_images" ADD CONSTRAINT "help_article_images_article_id_help_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."help_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_article_images" ADD CONSTRAINT "help_article_images_attachment_id_help_images_attachment_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."help_images"("attachment_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_images" ADD CONSTRAINT "help_images_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "help_article_images_image_idx" ON "help_article_images" USING btree ("attachment_id");