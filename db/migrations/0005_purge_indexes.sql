CREATE INDEX "identity_disclosures_case" ON "identity_disclosures" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "legal_holds_case" ON "legal_holds" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "staff_reminders_case" ON "staff_reminders" USING btree ("case_id");