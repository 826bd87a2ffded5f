CREATE TABLE "exchanges" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"state" text NOT NULL,
	"who_migrates" text NOT NULL,
	"holder_action_en" text NOT NULL,
	"holder_action_ko" text,
	"updated_at" timestamp with time zone NOT NULL,
	"next_check_in" timestamp with time zone,
	CONSTRAINT "exchanges_state_valid" CHECK ("exchanges"."state" in ('not_started','in_progress','completed','not_supported')),
	CONSTRAINT "exchanges_who_valid" CHECK ("exchanges"."who_migrates" in ('exchange','holder'))
);
--> statement-breakpoint
CREATE TABLE "incident_updates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"body_en" text NOT NULL,
	"body_ko" text,
	"author" text NOT NULL,
	CONSTRAINT "incident_updates_state_valid" CHECK ("incident_updates"."state" in ('investigating','identified','monitoring','resolved'))
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"severity" text NOT NULL,
	"title_en" text NOT NULL,
	"title_ko" text,
	"started_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"next_update_by" timestamp with time zone,
	"link" text,
	CONSTRAINT "incidents_severity_valid" CHECK ("incidents"."severity" in ('info','warning','critical'))
);
--> statement-breakpoint
CREATE TABLE "maintenance_flag" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"on" boolean DEFAULT false NOT NULL,
	"reason" text,
	"since" timestamp with time zone,
	"set_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maintenance_flag_single_row" CHECK ("maintenance_flag"."id" = 1),
	CONSTRAINT "maintenance_flag_reason_when_on" CHECK (not "maintenance_flag"."on" or ("maintenance_flag"."reason" is not null and "maintenance_flag"."since" is not null))
);
--> statement-breakpoint
CREATE TABLE "ops_audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ops_audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"wallet" text NOT NULL,
	"action" text NOT NULL,
	"target" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "ops_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"wallet" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ops_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"wallet" text NOT NULL,
	"method" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "support_ticket_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"author" text
);
--> statement-breakpoint
CREATE TABLE "support_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"wallet" text,
	"location" text NOT NULL,
	"exchange" text,
	"signatures" jsonb NOT NULL,
	"description" text NOT NULL,
	"contact" text,
	"language" text NOT NULL,
	"drainer_mentions" jsonb NOT NULL,
	"resolution" text,
	CONSTRAINT "support_tickets_status_valid" CHECK ("support_tickets"."status" in ('open','in_progress','waiting_for_holder','resolved','closed')),
	CONSTRAINT "support_tickets_closed_has_resolution" CHECK ("support_tickets"."status" not in ('resolved','closed') or "support_tickets"."resolution" is not null)
);
--> statement-breakpoint
ALTER TABLE "known_drainers" ADD COLUMN "added_by" text;--> statement-breakpoint
ALTER TABLE "incident_updates" ADD CONSTRAINT "incident_updates_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_ticket_events" ADD CONSTRAINT "support_ticket_events_ticket_id_support_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."support_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_updates_incident" ON "incident_updates" USING btree ("incident_id","at");--> statement-breakpoint
CREATE INDEX "incidents_started" ON "incidents" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "ops_audit_log_at" ON "ops_audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "ops_nonces_expires" ON "ops_nonces" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "support_ticket_events_ticket" ON "support_ticket_events" USING btree ("ticket_id","at");--> statement-breakpoint
CREATE INDEX "support_tickets_status" ON "support_tickets" USING btree ("status","updated_at");