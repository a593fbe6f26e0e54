CREATE TABLE "case_categories" (
	"organisation_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label_fr" text NOT NULL,
	"label_en" text NOT NULL,
	"position" integer NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "case_categories_organisation_id_code_pk" PRIMARY KEY("organisation_id","code")
);
--> statement-breakpoint
CREATE TABLE "case_exclusions" (
	"case_id" uuid NOT NULL,
	"staff_account_id" uuid NOT NULL,
	CONSTRAINT "case_exclusions_case_id_staff_account_id_pk" PRIMARY KEY("case_id","staff_account_id")
);
--> statement-breakpoint
CREATE TABLE "case_key_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"staff_account_id" uuid,
	"sealed_key" "bytea" NOT NULL,
	"granted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"author_kind" text NOT NULL,
	"author_staff_id" uuid,
	"ciphertext" "bytea" NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_receipts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" text NOT NULL,
	"signature" "bytea" NOT NULL,
	"key_id" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"category" text NOT NULL,
	"identity_mode" text NOT NULL,
	"state" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"ack_due_on" date NOT NULL,
	"feedback_due_on" date NOT NULL,
	"report_ciphertext" "bytea" NOT NULL,
	CONSTRAINT "cases_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "intake_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"texts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"admissibility_review_days" integer DEFAULT 15 NOT NULL,
	"calendar_region" text DEFAULT 'metropole' NOT NULL,
	"recovery_public_key" "bytea",
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mailbox_sessions" (
	"id_hash" "bytea" PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mailboxes" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"lookup_id" "bytea" NOT NULL,
	"authenticator_hash" "bytea" NOT NULL,
	"wrapped_case_key" "bytea" NOT NULL,
	CONSTRAINT "mailboxes_lookup_id_unique" UNIQUE("lookup_id")
);
--> statement-breakpoint
CREATE TABLE "receipt_signing_keys" (
	"key_id" text PRIMARY KEY NOT NULL,
	"public_key" "bytea" NOT NULL,
	"first_used_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spent_challenges" (
	"id" "bytea" PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_categories" ADD CONSTRAINT "case_categories_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_exclusions" ADD CONSTRAINT "case_exclusions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_exclusions" ADD CONSTRAINT "case_exclusions_staff_account_id_staff_accounts_id_fk" FOREIGN KEY ("staff_account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_key_grants" ADD CONSTRAINT "case_key_grants_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_key_grants" ADD CONSTRAINT "case_key_grants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_key_grants" ADD CONSTRAINT "case_key_grants_staff_account_id_staff_accounts_id_fk" FOREIGN KEY ("staff_account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_author_staff_id_staff_accounts_id_fk" FOREIGN KEY ("author_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_receipts" ADD CONSTRAINT "case_receipts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_settings" ADD CONSTRAINT "intake_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_sessions" ADD CONSTRAINT "mailbox_sessions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_key_grants_case_staff" ON "case_key_grants" USING btree ("case_id","staff_account_id");--> statement-breakpoint
CREATE INDEX "case_key_grants_staff" ON "case_key_grants" USING btree ("staff_account_id","case_id");--> statement-breakpoint
CREATE INDEX "case_messages_case" ON "case_messages" USING btree ("case_id","sent_at");--> statement-breakpoint
CREATE INDEX "case_receipts_case" ON "case_receipts" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "cases_org_received" ON "cases" USING btree ("organisation_id","received_at","id");--> statement-breakpoint
CREATE INDEX "mailbox_sessions_case" ON "mailbox_sessions" USING btree ("case_id");--> statement-breakpoint
-- Organisations created before intake existed get the built-in categories (src/i18n/intake-defaults.ts).
INSERT INTO "case_categories" ("organisation_id", "code", "label_fr", "label_en", "position")
SELECT o."id", c.code, c.label_fr, c.label_en, c.position FROM "organisations" o CROSS JOIN (VALUES
  ('atteinte-probite', 'Atteinte à la probité (corruption, trafic d''influence, favoritisme, détournement de fonds)', 'Breach of integrity (corruption, influence peddling, favouritism, embezzlement)', 1),
  ('conflit-interets', 'Conflit d''intérêts, prise illégale d''intérêts', 'Conflict of interest, unlawful taking of interest', 2),
  ('crime-delit', 'Autre crime ou délit', 'Other crime or offence', 3),
  ('violation-regle', 'Violation d''une loi, d''un règlement ou d''un engagement international', 'Breach of a law, a regulation or an international commitment', 4),
  ('interet-general', 'Menace ou préjudice pour l''intérêt général', 'Threat or harm to the public interest', 5),
  ('sante-securite-environnement', 'Santé, sécurité, environnement', 'Health, safety, environment', 6),
  ('autre', 'Autre, ou je ne sais pas', 'Other, or I don''t know', 7)
) AS c(code, label_fr, label_en, position);
