CREATE TABLE "help_announcements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lang" text NOT NULL,
	"title" text NOT NULL,
	"body_md" text DEFAULT '' NOT NULL,
	"body_html" text DEFAULT '' NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"starts_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_article_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body_md" text NOT NULL,
	"tags" text[] NOT NULL,
	"status" text NOT NULL,
	"editor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category_id" uuid NOT NULL,
	"translation_group" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lang" text NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body_md" text NOT NULL,
	"body_html" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"author_id" uuid,
	"view_count" integer DEFAULT 0 NOT NULL,
	"helpful_yes" integer DEFAULT 0 NOT NULL,
	"helpful_no" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"title_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"summary_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"body_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"title_norm" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(array_to_tsvector(title_tokens), 'A') || setweight(array_to_tsvector(summary_tokens), 'B') || setweight(array_to_tsvector(body_tokens), 'D')) STORED
);
--> statement-breakpoint
CREATE TABLE "help_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"section_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	CONSTRAINT "help_categories_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "help_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"query" text NOT NULL,
	"lang" text NOT NULL,
	"result_count" integer NOT NULL,
	"customer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	CONSTRAINT "help_sections_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "help_synonyms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"terms" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_terms" (
	"term" text PRIMARY KEY NOT NULL,
	"df" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_votes" (
	"article_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"helpful" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_votes_article_id_customer_id_pk" PRIMARY KEY("article_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "help_article_versions" ADD CONSTRAINT "help_article_versions_article_id_help_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."help_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_articles" ADD CONSTRAINT "help_articles_category_id_help_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."help_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_categories" ADD CONSTRAINT "help_categories_section_id_help_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."help_sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_votes" ADD CONSTRAINT "help_votes_article_id_help_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."help_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_votes" ADD CONSTRAINT "help_votes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "help_article_versions_key" ON "help_article_versions" USING btree ("article_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "help_articles_lang_slug" ON "help_articles" USING btree ("lang","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "help_articles_group_lang" ON "help_articles" USING btree ("translation_group","lang");--> statement-breakpoint
CREATE INDEX "help_articles_category_idx" ON "help_articles" USING btree ("category_id","position");--> statement-breakpoint
CREATE INDEX "help_articles_search_idx" ON "help_articles" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "help_articles_title_trgm_idx" ON "help_articles" USING gin ("title_norm" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "help_searches_created_idx" ON "help_searches" USING btree ("created_at");--> statement-breakpoint
-- The default synonym groups (help/synonyms.ts DEFAULT_SYNONYMS); admins edit them afterwards.
INSERT INTO "help_synonyms" ("terms") VALUES
  (ARRAY['提币', '提现', '出金', 'withdraw', 'withdrawal', 'cash out']::text[]),
  (ARRAY['充币', '充值', '入金', 'deposit', 'top up']::text[]),
  (ARRAY['转人工', '人工客服', '人工', '真人客服', 'human agent', 'live agent', 'real person', 'human']::text[]),
  (ARRAY['客服', '联系客服', 'support', 'customer service', 'contact']::text[]),
  (ARRAY['验证码', '2fa code', 'otp', 'verification code']::text[]),
  (ARRAY['谷歌验证', '谷歌验证器', '二次验证', '双重验证', '身份验证器', '2fa', 'two factor', 'authenticator']::text[]),
  (ARRAY['实名认证', '身份认证', 'kyc', 'identity verification', 'verify identity']::text[]),
  (ARRAY['到账', 'credited', 'arrived', 'received']::text[]),
  (ARRAY['冻结', '封号', '锁定', 'frozen', 'locked', 'suspended', 'freeze']::text[]),
  (ARRAY['手续费', '费用', 'fee', 'fees', 'charge']::text[]),
  (ARRAY['交易哈希', '哈希', 'txid', 'transaction hash', 'tx hash']::text[]),
  (ARRAY['地址标签', '备注', 'memo', 'tag', 'destination tag']::text[]),
  (ARRAY['诈骗', '骗子', '防骗', 'scam', 'fraud', 'scammer']::text[]),
  (ARRAY['订单', '委托', 'order']::text[]),
  (ARRAY['撤单', '取消订单', 'cancel order']::text[]),
  (ARRAY['密码', 'password']::text[]);--> statement-breakpoint
-- Search vectors are read whole by ranking: keep them uncompressed (no decompression per match).
ALTER TABLE "help_articles" ALTER COLUMN "search_vector" SET STORAGE EXTERNAL;
