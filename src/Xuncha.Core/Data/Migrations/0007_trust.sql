-- Trust (issue #7). Server-side sessions: signing out, a password change, deactivation and the 系统管理员 end them
-- at once, for cookies and bearer tokens alike. Rows are bookkeeping; ending them is audited as events.
CREATE TABLE sessions (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    kind varchar(10) NOT NULL,
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    ended_at timestamptz,
    end_reason varchar(30),
    client_address varchar(64),
    user_agent varchar(200),
    refresh_id uuid,
    ticket bytea,
    CONSTRAINT pk_sessions PRIMARY KEY (id),
    CONSTRAINT fk_sessions_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_sessions_user_id ON sessions (user_id);

-- Failed sign-ins under names without a usable account, locked out like accounts (the name only as a hash).
CREATE TABLE sign_in_throttles (
    key char(64) NOT NULL,
    failures integer NOT NULL,
    locked_until timestamptz,
    last_failure_at timestamptz NOT NULL,
    CONSTRAINT pk_sign_in_throttles PRIMARY KEY (key)
);
CREATE INDEX ix_sign_in_throttles_last_failure_at ON sign_in_throttles (last_failure_at);

-- Every group has its public report link from the start, so that reading a page or a document never writes.
UPDATE inspection_groups SET report_token = replace(gen_random_uuid()::text, '-', '') WHERE report_token IS NULL;
ALTER TABLE inspection_groups ALTER COLUMN report_token SET NOT NULL;

-- The head of the audit chain, apart from the rows it covers (see decision 0014): the last sequence number and hash,
-- sealed with the audit key by the application at its next append. It only moves forward, is never emptied,
-- and the application's role may only read and update it.
CREATE TABLE audit_head (
    id integer NOT NULL,
    seq bigint NOT NULL,
    hash char(64) NOT NULL,
    mac char(64),
    updated_at timestamptz NOT NULL,
    CONSTRAINT pk_audit_head PRIMARY KEY (id),
    CONSTRAINT ck_audit_head_single CHECK (id = 1)
);
INSERT INTO audit_head (id, seq, hash, mac, updated_at)
SELECT 1, coalesce(max(seq), 0),
       coalesce((SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1), repeat('0', 64)), NULL, now()
FROM audit_events;

CREATE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'audit_head is kept, never removed (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.seq < OLD.seq OR (OLD.mac IS NOT NULL AND NEW.mac IS NULL) THEN
        RAISE EXCEPTION 'audit_head only moves forward' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_head_no_rollback BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_head_forward_only();

-- Answers to requests that may be repeated (a double-clicked form, an API POST retried with the same
-- Idempotency-Key): the first answer is kept a day and given again; the body is encrypted by the application.
CREATE TABLE idempotency_records (
    user_id uuid NOT NULL,
    key varchar(300) NOT NULL,
    request_hash char(64) NOT NULL,
    status integer NOT NULL,
    content_type varchar(200),
    location varchar(2000),
    body bytea,
    created_at timestamptz NOT NULL,
    CONSTRAINT pk_idempotency_records PRIMARY KEY (user_id, key),
    CONSTRAINT fk_idempotency_records_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_idempotency_records_created_at ON idempotency_records (created_at);
