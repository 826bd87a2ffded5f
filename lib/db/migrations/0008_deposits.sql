CREATE TABLE "deposit_watch_cursors" (
	"account" text PRIMARY KEY NOT NULL,
	"last_signature" text NOT NULL,
	"last_slot" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deposits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"signature" text NOT NULL,
	"instruction_index" integer NOT NULL,
	"slot" bigint NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"wallet" text,
	"source_token_account" text NOT NULL,
	"token_account" text NOT NULL,
	"mint" text NOT NULL,
	"token_program" text NOT NULL,
	"decimals" smallint NOT NULL,
	"amount" numeric(20, 0) NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	"paid" numeric(20, 0),
	"payout_amount" numeric(20, 0),
	"payout_signature" text,
	"payout_transaction" text,
	"payout_last_valid_block_height" numeric(20, 0),
	"payout_submitted_at" timestamp with time zone,
	"payout_attempts" integer DEFAULT 0 NOT NULL,
	"payout_retry_at" timestamp with time zone,
	"payout_error" text,
	"paid_at" timestamp with time zone,
	"refund_state" text DEFAULT 'none' NOT NULL,
	"refund_amount" numeric(20, 0),
	"refund_signature" text,
	"refund_transaction" text,
	"refund_prepared" text,
	"refund_last_valid_block_height" numeric(20, 0),
	"refund_submitted_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	"refund_note" text,
	"refund_by" text,
	"refund_error" text,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deposits_state_valid" CHECK ("deposits"."state" in ('detected','payout_submitted','paid','unpaid')),
	CONSTRAINT "deposits_refund_state_valid" CHECK ("deposits"."refund_state" in ('none','pending','submitted','refunded','rejected')),
	CONSTRAINT "deposits_amount_positive" CHECK ("deposits"."amount" > 0),
	CONSTRAINT "deposits_index_valid" CHECK ("deposits"."instruction_index" >= 0 and "deposits"."instruction_index" <= 65535),
	CONSTRAINT "deposits_paid_within_amount" CHECK ("deposits"."paid" is null or ("deposits"."paid" > 0 and "deposits"."paid" <= "deposits"."amount")),
	CONSTRAINT "deposits_paid_when_paying" CHECK ("deposits"."state" not in ('payout_submitted','paid') or ("deposits"."paid" is not null and "deposits"."payout_amount" is not null and "deposits"."payout_signature" is not null)),
	CONSTRAINT "deposits_refund_within_amount" CHECK ("deposits"."refund_amount" is null or ("deposits"."refund_amount" > 0 and "deposits"."refund_amount" + coalesce("deposits"."paid", 0) <= "deposits"."amount"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "deposits_key" ON "deposits" USING btree ("signature","instruction_index");--> statement-breakpoint
CREATE INDEX "deposits_wallet_state" ON "deposits" USING btree ("wallet","state");--> statement-breakpoint
CREATE INDEX "deposits_state" ON "deposits" USING btree ("state");--> statement-breakpoint
CREATE INDEX "deposits_refund_state" ON "deposits" USING btree ("refund_state");--> statement-breakpoint
CREATE UNIQUE INDEX "deposits_payout_signature" ON "deposits" USING btree ("payout_signature");