CREATE TABLE "staff_notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"staff_account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"delivery" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone,
	"activation_link" text
);
--> statement-breakpoint
ALTER TABLE "staff_accounts" ADD COLUMN "notification_mode" text DEFAULT 'immediate' NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_notifications" ADD CONSTRAINT "staff_notifications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_notifications" ADD CONSTRAINT "staff_notifications_staff_account_id_staff_accounts_id_fk" FOREIGN KEY ("staff_account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_notifications_due" ON "staff_notifications" USING btree ("next_attempt_at") WHERE "staff_notifications"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "staff_notifications_staff" ON "staff_notifications" USING btree ("staff_account_id","created_at");