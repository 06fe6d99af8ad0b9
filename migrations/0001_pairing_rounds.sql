DROP INDEX "notifications_due";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "audience_ids" jsonb;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "round_id" uuid;--> statement-breakpoint
ALTER TABLE "pairing_rounds" ADD COLUMN "confirmed_by" uuid;--> statement-breakpoint
ALTER TABLE "pairing_rounds" ADD COLUMN "reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_round_id_pairing_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."pairing_rounds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_rounds" ADD CONSTRAINT "pairing_rounds_confirmed_by_people_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_claimable" ON "notifications" USING btree ("due_at") WHERE "notifications"."status" in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "notifications_round" ON "notifications" USING btree ("round_id","status");