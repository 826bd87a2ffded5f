CREATE TABLE "known_drainers" (
	"address" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "migrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"wallet" text NOT NULL,
	"amount_in" numeric(20, 0) NOT NULL,
	"amount_out" numeric(20, 0) NOT NULL,
	"state" text NOT NULL,
	"recent_blockhash" text NOT NULL,
	"last_valid_block_height" numeric(20, 0) NOT NULL,
	"unsigned_transaction" text NOT NULL,
	"signed_transaction" text,
	"signature" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	CONSTRAINT "migrations_state_valid" CHECK ("migrations"."state" in ('built','submitted','confirmed','failed','expired')),
	CONSTRAINT "migrations_amounts_positive" CHECK ("migrations"."amount_in" > 0 and "migrations"."amount_out" > 0),
	CONSTRAINT "migrations_signed_has_signature" CHECK (("migrations"."state" in ('built') or "migrations"."signature" is not null or "migrations"."state" in ('failed','expired')))
);
--> statement-breakpoint
CREATE TABLE "snapshot_entries" (
	"wallet" text PRIMARY KEY NOT NULL,
	"allocation" numeric(20, 0) NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "snapshot_allocation_positive" CHECK ("snapshot_entries"."allocation" > 0 and "snapshot_entries"."allocation" <= 18446744073709551615)
);
--> statement-breakpoint
CREATE INDEX "migrations_wallet_state" ON "migrations" USING btree ("wallet","state");--> statement-breakpoint
CREATE UNIQUE INDEX "migrations_signature" ON "migrations" USING btree ("signature");