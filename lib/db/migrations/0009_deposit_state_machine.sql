-- The deposit state machines (docs/DESIGN.md "Deposit and receive"), enforced by the database itself,
-- as migration 0006 does for migrations: whatever code path or plain SQL changes a deposit, only the
-- transitions below exist. The application makes each with `UPDATE … WHERE state = <from>` in one
-- module (lib/deposit/transitions.ts); this is the second lock on the same door. A deposit's facts
-- (what arrived, from whom, where) never change once recorded.
CREATE OR REPLACE FUNCTION deposits_state_transition() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.signature <> OLD.signature OR NEW.instruction_index <> OLD.instruction_index OR NEW.amount <> OLD.amount
    OR NEW.mint <> OLD.mint OR NEW.source_token_account <> OLD.source_token_account OR NEW.token_account <> OLD.token_account
    OR NEW.wallet IS DISTINCT FROM OLD.wallet THEN
    RAISE EXCEPTION 'a deposit''s facts never change (deposit %)', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.state <> OLD.state AND NOT (
    (OLD.state = 'detected' AND NEW.state IN ('payout_submitted', 'unpaid', 'paid'))
    OR (OLD.state = 'payout_submitted' AND NEW.state IN ('paid', 'detected'))
  ) THEN
    RAISE EXCEPTION 'deposit state % → % is not a transition of the state machine (deposit %)', OLD.state, NEW.state, OLD.id
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.refund_state <> OLD.refund_state AND NOT (
    (OLD.refund_state = 'none' AND NEW.refund_state = 'pending')
    OR (OLD.refund_state = 'pending' AND NEW.refund_state IN ('submitted', 'rejected', 'refunded'))
    OR (OLD.refund_state = 'submitted' AND NEW.refund_state IN ('refunded', 'pending'))
  ) THEN
    RAISE EXCEPTION 'deposit refund state % → % is not a transition of the state machine (deposit %)', OLD.refund_state, NEW.refund_state, OLD.id
      USING ERRCODE = 'check_violation';
  END IF;
  -- What a landed payout paid is final.
  IF OLD.state = 'paid' AND (NEW.paid IS DISTINCT FROM OLD.paid OR NEW.payout_amount IS DISTINCT FROM OLD.payout_amount OR NEW.payout_signature IS DISTINCT FROM OLD.payout_signature) THEN
    RAISE EXCEPTION 'a paid deposit''s payout never changes (deposit %)', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER deposits_state_machine
  BEFORE UPDATE ON deposits
  FOR EACH ROW EXECUTE FUNCTION deposits_state_transition();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION deposits_insert_detected() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.state <> 'detected' OR NEW.refund_state <> 'none' OR NEW.paid IS NOT NULL THEN
    RAISE EXCEPTION 'a deposit is recorded as detected, nothing paid or refunded (deposit %)', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER deposits_insert_detected
  BEFORE INSERT ON deposits
  FOR EACH ROW EXECUTE FUNCTION deposits_insert_detected();
