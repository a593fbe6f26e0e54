CREATE TABLE "case_tombstones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"category" text NOT NULL,
	"received_month" text NOT NULL,
	"closed_month" text NOT NULL,
	"outcome" text NOT NULL,
	"follow_up_kind" text,
	"rule" text NOT NULL,
	"days_to_acknowledgement" integer,
	"days_to_closure" integer NOT NULL,
	"feedback_on_time" boolean NOT NULL,
	"purged_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_holds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"placed_by" uuid NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	"released_by" uuid,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "purge_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"case_reference" text NOT NULL,
	"rule" text NOT NULL,
	"due_on" date NOT NULL,
	"purged_at" timestamp with time zone NOT NULL,
	CONSTRAINT "purge_log_case_id_unique" UNIQUE("case_id")
);
--> statement-breakpoint
CREATE TABLE "purged_mailboxes" (
	"lookup_id" "bytea" PRIMARY KEY NOT NULL,
	"authenticator_hash" "bytea" NOT NULL,
	"organisation_id" uuid NOT NULL,
	"notice_payload" text NOT NULL,
	"notice_signature" "bytea" NOT NULL,
	"notice_key_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "proceedings_ended_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "retention_rule" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "purge_due_on" date;--> statement-breakpoint
ALTER TABLE "intake_settings" ADD COLUMN "retention_no_follow_up_months" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "intake_settings" ADD COLUMN "retention_follow_up_max_months" integer DEFAULT 72 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_tombstones" ADD CONSTRAINT "case_tombstones_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_placed_by_staff_accounts_id_fk" FOREIGN KEY ("placed_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_released_by_staff_accounts_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purge_log" ADD CONSTRAINT "purge_log_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purged_mailboxes" ADD CONSTRAINT "purged_mailboxes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_tombstones_org_received" ON "case_tombstones" USING btree ("organisation_id","received_month");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_holds_one_active" ON "legal_holds" USING btree ("case_id") WHERE "legal_holds"."released_at" is null;--> statement-breakpoint
CREATE INDEX "purge_log_org_purged" ON "purge_log" USING btree ("organisation_id","purged_at","id");--> statement-breakpoint
CREATE INDEX "cases_org_purge_due" ON "cases" USING btree ("organisation_id","purge_due_on") WHERE "cases"."purge_due_on" is not null;