-- The ops audit log is append-only, enforced by the database itself: no application path, and no
-- one with plain SQL access through the app's role, can rewrite or erase what ops did.
CREATE OR REPLACE FUNCTION ops_audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ops_audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ops_audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON ops_audit_log
  FOR EACH ROW EXECUTE FUNCTION ops_audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ops_audit_log_no_truncate
  BEFORE TRUNCATE ON ops_audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION ops_audit_log_refuse_change();
--> statement-breakpoint
-- The runtime maintenance flag has exactly one row, present from the start (a missing row reads as
-- "unreadable", which closes the wallet flow).
INSERT INTO maintenance_flag (id, "on") VALUES (1, false) ON CONFLICT (id) DO NOTHING;
