ALTER TABLE "exchanges" ADD COLUMN "name_ko" text;--> statement-breakpoint
ALTER TABLE "maintenance_flag" ADD COLUMN "reason_ko" text;--> statement-breakpoint
ALTER TABLE "migrations" ADD COLUMN "declined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "support_tickets" ADD COLUMN "migration_id" uuid;