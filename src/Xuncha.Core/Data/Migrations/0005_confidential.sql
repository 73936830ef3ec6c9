-- Confidential channels (issue #6): letters, clues and their transfers. What they say is sealed per record
-- (see decision 0013): bytea columns hold version · nonce · ciphertext · tag; int[] columns hold keyed search tokens.

-- Each record's key, wrapped by the master key (kept outside the database). Deleting the row shreds the record.
CREATE TABLE record_keys (
    record_type varchar(20) NOT NULL,
    record_id uuid NOT NULL,
    algorithm varchar(20) NOT NULL,
    master_id varchar(16) NOT NULL,
    wrapped bytea NOT NULL,
    CONSTRAINT pk_record_keys PRIMARY KEY (record_type, record_id)
);

-- Sealed evidence of confidential records; the bytes are in $XUNCHA_DATA/sealed, sealed too.
CREATE TABLE sealed_files (
    id uuid NOT NULL,
    record_type varchar(20) NOT NULL,
    record_id uuid NOT NULL,
    meta bytea NOT NULL,
    length bigint NOT NULL,
    added_on date NOT NULL,
    CONSTRAINT pk_sealed_files PRIMARY KEY (id)
);
CREATE INDEX ix_sealed_files_record_type_record_id ON sealed_files (record_type, record_id);

ALTER TABLE inspection_groups ADD report_token varchar(32);
CREATE UNIQUE INDEX ix_inspection_groups_report_token ON inspection_groups (report_token);

ALTER TABLE deadline_policies ADD clue_reply_months integer NOT NULL DEFAULT 3;

CREATE TABLE clue_transfers (
    id uuid NOT NULL,
    year integer NOT NULL,
    sequence integer NOT NULL,
    receiver varchar(20) NOT NULL,
    transferred_on date NOT NULL,
    transferred_by uuid NOT NULL,
    note varchar(500),
    acknowledged_on date,
    acknowledged_by uuid,
    CONSTRAINT pk_clue_transfers PRIMARY KEY (id),
    CONSTRAINT fk_clue_transfers_transferred_by FOREIGN KEY (transferred_by) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT fk_clue_transfers_acknowledged_by FOREIGN KEY (acknowledged_by) REFERENCES users (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_clue_transfers_year_sequence ON clue_transfers (year, sequence);

CREATE TABLE clues (
    id uuid NOT NULL,
    round_id uuid NOT NULL,
    group_id uuid,
    organization_id uuid NOT NULL,
    sequence integer NOT NULL,
    source varchar(20) NOT NULL,
    source_id uuid,
    level varchar(20) NOT NULL,
    is_sealed boolean NOT NULL,
    status varchar(20) NOT NULL,
    transfer_id uuid,
    receiver varchar(20),
    acknowledged_on date,
    reply_due date,
    disposal varchar(20),
    form varchar(20),
    disposed_on date,
    registered_by uuid NOT NULL,
    registered_on date NOT NULL,
    content bytea NOT NULL,
    outcome bytea,
    tokens integer[] NOT NULL,
    CONSTRAINT pk_clues PRIMARY KEY (id),
    CONSTRAINT fk_clues_round_id FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE RESTRICT,
    CONSTRAINT fk_clues_group_id FOREIGN KEY (group_id) REFERENCES inspection_groups (id) ON DELETE RESTRICT,
    CONSTRAINT fk_clues_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE RESTRICT,
    CONSTRAINT fk_clues_transfer_id FOREIGN KEY (transfer_id) REFERENCES clue_transfers (id) ON DELETE RESTRICT,
    CONSTRAINT fk_clues_registered_by FOREIGN KEY (registered_by) REFERENCES users (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_clues_round_id_sequence ON clues (round_id, sequence);
CREATE INDEX ix_clues_transfer_id ON clues (transfer_id);
CREATE INDEX ix_clues_tokens ON clues USING gin (tokens);

CREATE TABLE letters (
    id uuid NOT NULL,
    round_id uuid NOT NULL,
    group_id uuid NOT NULL,
    target_id uuid,
    sequence integer NOT NULL,
    channel varchar(20) NOT NULL,
    is_anonymous boolean NOT NULL,
    received_on date NOT NULL,
    status varchar(20) NOT NULL,
    decision varchar(20),
    decided_on date,
    category_id uuid,
    assignee_id uuid,
    problem_id uuid,
    clue_id uuid,
    registered_by uuid,
    receipt_tag integer NOT NULL,
    receipt_salt bytea NOT NULL,
    receipt_hash bytea NOT NULL,
    content bytea NOT NULL,
    handling bytea,
    tokens integer[] NOT NULL,
    awaiting_reporter boolean NOT NULL,
    CONSTRAINT pk_letters PRIMARY KEY (id),
    CONSTRAINT fk_letters_round_id FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE RESTRICT,
    CONSTRAINT fk_letters_group_id FOREIGN KEY (group_id) REFERENCES inspection_groups (id) ON DELETE RESTRICT,
    CONSTRAINT fk_letters_target_id FOREIGN KEY (target_id) REFERENCES round_targets (id) ON DELETE RESTRICT,
    CONSTRAINT fk_letters_category_id FOREIGN KEY (category_id) REFERENCES problem_categories (id) ON DELETE RESTRICT,
    CONSTRAINT fk_letters_assignee_id FOREIGN KEY (assignee_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT fk_letters_registered_by FOREIGN KEY (registered_by) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT fk_letters_problem_id FOREIGN KEY (problem_id) REFERENCES problems (id) ON DELETE SET NULL,
    CONSTRAINT fk_letters_clue_id FOREIGN KEY (clue_id) REFERENCES clues (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX ix_letters_group_id_sequence ON letters (group_id, sequence);
CREATE INDEX ix_letters_receipt_tag ON letters (receipt_tag);
CREATE INDEX ix_letters_tokens ON letters USING gin (tokens);

CREATE TABLE letter_messages (
    id uuid NOT NULL,
    letter_id uuid NOT NULL,
    from_reporter boolean NOT NULL,
    sent_on date NOT NULL,
    author_id uuid,
    body bytea NOT NULL,
    CONSTRAINT pk_letter_messages PRIMARY KEY (id),
    CONSTRAINT fk_letter_messages_letter_id FOREIGN KEY (letter_id) REFERENCES letters (id) ON DELETE CASCADE,
    CONSTRAINT fk_letter_messages_author_id FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE RESTRICT
);
CREATE INDEX ix_letter_messages_letter_id ON letter_messages (letter_id);

-- Two roles held beside 巡察办 and 纪委, who alone open sealed clues (about a unit's top leader).
INSERT INTO roles (id, name, normalized_name, concurrency_stamp) VALUES
    ('00000000-0000-7000-8000-00000000000a', 'office-director', 'OFFICE-DIRECTOR', 'seed'),
    ('00000000-0000-7000-8000-00000000000b', 'discipline-secretary', 'DISCIPLINE-SECRETARY', 'seed');
