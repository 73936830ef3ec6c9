-- Individual talks (个别谈话) and the units' leadership rosters the default talk lists come from (issue #6).
CREATE TABLE unit_leaders (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    name varchar(50) NOT NULL,
    post varchar(100) NOT NULL,
    category varchar(20) NOT NULL,
    retired_on date,
    sort_order integer NOT NULL,
    CONSTRAINT pk_unit_leaders PRIMARY KEY (id),
    CONSTRAINT fk_unit_leaders_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE RESTRICT
);
CREATE INDEX ix_unit_leaders_organization_id ON unit_leaders (organization_id);

-- The record's content is sealed (see decision 0013); interviewers are accounts of the group.
CREATE TABLE talk_entries (
    id uuid NOT NULL,
    round_id uuid NOT NULL,
    target_id uuid NOT NULL,
    group_id uuid NOT NULL,
    name varchar(50) NOT NULL,
    post varchar(100),
    category varchar(20) NOT NULL,
    planned_on date,
    status varchar(20) NOT NULL,
    cancel_reason varchar(1000),
    talked_on date,
    interviewers uuid[] NOT NULL,
    confirmed boolean NOT NULL,
    record bytea,
    tokens integer[] NOT NULL,
    recorded_by uuid,
    CONSTRAINT pk_talk_entries PRIMARY KEY (id),
    CONSTRAINT fk_talk_entries_round_id FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE RESTRICT,
    CONSTRAINT fk_talk_entries_target_id FOREIGN KEY (target_id) REFERENCES round_targets (id) ON DELETE RESTRICT,
    CONSTRAINT fk_talk_entries_group_id FOREIGN KEY (group_id) REFERENCES inspection_groups (id) ON DELETE RESTRICT,
    CONSTRAINT fk_talk_entries_recorded_by FOREIGN KEY (recorded_by) REFERENCES users (id) ON DELETE RESTRICT
);
CREATE INDEX ix_talk_entries_target_id ON talk_entries (target_id);
CREATE INDEX ix_talk_entries_tokens ON talk_entries USING gin (tokens);
