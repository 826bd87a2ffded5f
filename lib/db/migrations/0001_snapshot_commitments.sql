CREATE TABLE "snapshot_commitments" (
	"id" serial PRIMARY KEY NOT NULL,
	"merkle_root" text NOT NULL,
	"holders" integer NOT NULL,
	"total" numeric(30, 0) NOT NULL,
	"encoding" text NOT NULL,
	"committed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "snapshot_commitments_root_hex" CHECK ("snapshot_commitments"."merkle_root" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "snapshot_commitments_holders_positive" CHECK ("snapshot_commitments"."holders" > 0)
);
