CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_staff_id" uuid,
	"visible_to_reporter" boolean NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_votes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"staff_account_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"follow_up_kind" text,
	"reason_ciphertext" "bytea" NOT NULL,
	"cast_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_disclosures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"recorded_by" uuid NOT NULL,
	"legal_basis" text NOT NULL,
	"consent_given" boolean NOT NULL,
	"details_ciphertext" "bytea" NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_reminders" (
	"staff_account_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"deadline" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "staff_reminders_staff_account_id_case_id_deadline_pk" PRIMARY KEY("staff_account_id","case_id","deadline")
);
--> statement-breakpoint
ALTER TABLE "case_exclusions" ADD COLUMN "reason" text DEFAULT 'reporter' NOT NULL;--> statement-breakpoint
ALTER TABLE "case_messages" ADD COLUMN "purpose" text DEFAULT 'message' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "feedback_given_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "meeting_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "meeting_due_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "meeting_held_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "follow_up_kind" text;--> statement-breakpoint
ALTER TABLE "intake_settings" ADD COLUMN "auto_acknowledge" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "intake_settings" ADD COLUMN "ack_working_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "intake_settings" ADD COLUMN "feedback_months" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "intake_settings" ADD COLUMN "meeting_working_days" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "intake_settings" ADD COLUMN "offers_meetings" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "intake_settings" ADD COLUMN "committee_quorum" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "intake_settings" ADD COLUMN "committee_majority" text DEFAULT 'simple' NOT NULL;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_staff_id_staff_accounts_id_fk" FOREIGN KEY ("actor_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_votes" ADD CONSTRAINT "committee_votes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_votes" ADD CONSTRAINT "committee_votes_staff_account_id_staff_accounts_id_fk" FOREIGN KEY ("staff_account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_disclosures" ADD CONSTRAINT "identity_disclosures_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_disclosures" ADD CONSTRAINT "identity_disclosures_recorded_by_staff_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_reminders" ADD CONSTRAINT "staff_reminders_staff_account_id_staff_accounts_id_fk" FOREIGN KEY ("staff_account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_reminders" ADD CONSTRAINT "staff_reminders_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case" ON "case_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "committee_votes_case_member" ON "committee_votes" USING btree ("case_id","staff_account_id");