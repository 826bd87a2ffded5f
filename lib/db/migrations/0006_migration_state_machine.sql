-- The migration state machine (docs/DESIGN.md "The allocation under any order of events"),
-- enforced by the database itself: whatever code path or plain SQL changes a row's state, only the
-- transitions below exist. `confirmed` is final; nothing returns to `built` or `submitted`; a
-- released row (`failed`, `expired`) can only become `confirmed`, when the chain shows it landed.
-- The application makes each transition with `UPDATE … WHERE state = <from>` in one module
-- (lib/migration/transitions.ts); this is the second lock on the same door.
CREATE OR REPLACE FUNCTION migrations_state_transition() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.state = OLD.state THEN
    RETURN NEW;
  END IF;
  IF (OLD.state = 'built' AND NEW.state IN ('submitted', 'expired', 'confirmed'))
    OR (OLD.state = 'submitted' AND NEW.state IN ('confirmed', 'failed', 'expired'))
    OR (OLD.state IN ('failed', 'expired') AND NEW.state = 'confirmed') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'migration state % → % is not a transition of the state machine (migration %)', OLD.state, NEW.state, OLD.id
    USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER migrations_state_machine
  BEFORE UPDATE OF state ON migrations
  FOR EACH ROW EXECUTE FUNCTION migrations_state_transition();
