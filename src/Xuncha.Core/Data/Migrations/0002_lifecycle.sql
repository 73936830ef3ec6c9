-- The inspection lifecycle: rounds, groups, problems, feedback, rectification plans and tasks, reports,
-- deadlines, evidence files.

-- Versioned problem classifications: a round keeps the version it was planned with.
CREATE TABLE taxonomies (
    id uuid NOT NULL,
    code varchar(50) NOT NULL,
    name varchar(100) NOT NULL,
    version_number integer NOT NULL,
    is_active boolean NOT NULL,
    CONSTRAINT pk_taxonomies PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_taxonomies_code_version_number ON taxonomies (code, version_number);

CREATE TABLE problem_categories (
    id uuid NOT NULL,
    taxonomy_id uuid NOT NULL,
    code varchar(50) NOT NULL,
    name varchar(100) NOT NULL,
    sort_order integer NOT NULL,
    CONSTRAINT pk_problem_categories PRIMARY KEY (id),
    CONSTRAINT fk_problem_categories_taxonomy_id FOREIGN KEY (taxonomy_id) REFERENCES taxonomies (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_problem_categories_taxonomy_id_code ON problem_categories (taxonomy_id, code);

-- Per committee: plan due N working days after feedback, report due N months after, warnings N days before.
CREATE TABLE deadline_policies (
    committee_id uuid NOT NULL,
    plan_due_working_days integer NOT NULL,
    report_due_months integer NOT NULL,
    warning_days integer NOT NULL,
    immediate_fix_days integer NOT NULL,
    max_deadline_months integer NOT NULL,
    CONSTRAINT pk_deadline_policies PRIMARY KEY (committee_id),
    CONSTRAINT fk_deadline_policies_committee_id FOREIGN KEY (committee_id) REFERENCES organizations (id) ON DELETE RESTRICT
);

-- Exceptions to Monday–Friday: holidays on weekdays, and working weekend days (调休).
CREATE TABLE calendar_days (
    date date NOT NULL,
    is_workday boolean NOT NULL,
    note varchar(50),
    CONSTRAINT pk_calendar_days PRIMARY KEY (date)
);

-- A round of inspection: 草稿 → 待审批 → 已批准 → 进驻中 → 报告中 → 已反馈 → 整改中 → 已完成.
CREATE TABLE rounds (
    id uuid NOT NULL,
    committee_id uuid NOT NULL,
    term_id uuid,
    year integer NOT NULL,
    ordinal integer NOT NULL,
    name varchar(100) NOT NULL,
    type varchar(20) NOT NULL,
    theme varchar(200),
    focus_points varchar(4000),
    planned_start date NOT NULL,
    planned_end date NOT NULL,
    taxonomy_id uuid NOT NULL,
    status varchar(20) NOT NULL,
    review_comment varchar(4000),
    submitted_at timestamptz,
    approved_at timestamptz,
    approved_by uuid,
    fieldwork_started_on date,
    fieldwork_ended_on date,
    completed_at timestamptz,
    created_at timestamptz NOT NULL,
    CONSTRAINT pk_rounds PRIMARY KEY (id),
    CONSTRAINT fk_rounds_committee_id FOREIGN KEY (committee_id) REFERENCES organizations (id) ON DELETE RESTRICT,
    CONSTRAINT fk_rounds_taxonomy_id FOREIGN KEY (taxonomy_id) REFERENCES taxonomies (id) ON DELETE RESTRICT,
    CONSTRAINT fk_rounds_term_id FOREIGN KEY (term_id) REFERENCES terms (id) ON DELETE RESTRICT,
    CONSTRAINT ck_rounds_dates CHECK (planned_end >= planned_start)
);
CREATE INDEX ix_rounds_committee_id ON rounds (committee_id);
CREATE UNIQUE INDEX ix_rounds_committee_id_year_ordinal ON rounds (committee_id, year, ordinal);
CREATE INDEX ix_rounds_taxonomy_id ON rounds (taxonomy_id);
CREATE INDEX ix_rounds_term_id ON rounds (term_id);

CREATE TABLE inspection_groups (
    id uuid NOT NULL,
    round_id uuid NOT NULL,
    number integer NOT NULL,
    name varchar(50) NOT NULL,
    CONSTRAINT pk_inspection_groups PRIMARY KEY (id),
    CONSTRAINT fk_inspection_groups_round_id FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_inspection_groups_round_id_number ON inspection_groups (round_id, number);

CREATE TABLE group_members (
    group_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role varchar(20) NOT NULL,
    CONSTRAINT pk_group_members PRIMARY KEY (group_id, user_id),
    CONSTRAINT fk_group_members_group_id FOREIGN KEY (group_id) REFERENCES inspection_groups (id) ON DELETE CASCADE,
    CONSTRAINT fk_group_members_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT
);
CREATE INDEX ix_group_members_user_id ON group_members (user_id);

-- The organisations inspected in a round, their group, and the day feedback was given.
CREATE TABLE round_targets (
    id uuid NOT NULL,
    round_id uuid NOT NULL,
    organization_id uuid NOT NULL,
    group_id uuid,
    feedback_date date,
    feedback_by uuid,
    CONSTRAINT pk_round_targets PRIMARY KEY (id),
    CONSTRAINT fk_round_targets_group_id FOREIGN KEY (group_id) REFERENCES inspection_groups (id) ON DELETE SET NULL,
    CONSTRAINT fk_round_targets_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE RESTRICT,
    CONSTRAINT fk_round_targets_round_id FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE
);
CREATE INDEX ix_round_targets_group_id ON round_targets (group_id);
CREATE INDEX ix_round_targets_organization_id ON round_targets (organization_id);
CREATE UNIQUE INDEX ix_round_targets_round_id_organization_id ON round_targets (round_id, organization_id);

-- Problems found in fieldwork; numbered ([2025]2巡-1组-03号) when the group leader approves them.
CREATE TABLE problems (
    id uuid NOT NULL,
    round_id uuid NOT NULL,
    group_id uuid NOT NULL,
    target_id uuid NOT NULL,
    category_id uuid NOT NULL,
    sequence integer,
    number varchar(50),
    title varchar(200) NOT NULL,
    manifestation varchar(8000) NOT NULL,
    basis varchar(8000),
    responsibility varchar(8000),
    is_immediate_fix boolean NOT NULL,
    immediate_fix_note varchar(2000),
    status varchar(20) NOT NULL,
    return_reason varchar(2000),
    author_id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    approved_at timestamptz,
    approved_by uuid,
    CONSTRAINT pk_problems PRIMARY KEY (id),
    CONSTRAINT fk_problems_author_id FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT fk_problems_category_id FOREIGN KEY (category_id) REFERENCES problem_categories (id) ON DELETE RESTRICT,
    CONSTRAINT fk_problems_group_id FOREIGN KEY (group_id) REFERENCES inspection_groups (id) ON DELETE RESTRICT,
    CONSTRAINT fk_problems_round_id FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE RESTRICT,
    CONSTRAINT fk_problems_target_id FOREIGN KEY (target_id) REFERENCES round_targets (id) ON DELETE RESTRICT
);
CREATE INDEX ix_problems_author_id ON problems (author_id);
CREATE INDEX ix_problems_category_id ON problems (category_id);
CREATE UNIQUE INDEX ix_problems_group_id_sequence ON problems (group_id, sequence);
CREATE INDEX ix_problems_round_id ON problems (round_id);
CREATE INDEX ix_problems_target_id ON problems (target_id);

CREATE TABLE group_reports (
    id uuid NOT NULL,
    round_id uuid NOT NULL,
    group_id uuid NOT NULL,
    general_assessment varchar(20000) NOT NULL,
    suggestions varchar(20000),
    status varchar(20) NOT NULL,
    review_comment varchar(4000),
    submitted_at timestamptz,
    approved_at timestamptz,
    approved_by uuid,
    CONSTRAINT pk_group_reports PRIMARY KEY (id),
    CONSTRAINT fk_group_reports_group_id FOREIGN KEY (group_id) REFERENCES inspection_groups (id) ON DELETE CASCADE,
    CONSTRAINT fk_group_reports_round_id FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_group_reports_group_id ON group_reports (group_id);
CREATE INDEX ix_group_reports_round_id ON group_reports (round_id);

-- One rectification plan per target; every submission is kept in plan_revisions.
CREATE TABLE rectification_plans (
    id uuid NOT NULL,
    target_id uuid NOT NULL,
    status varchar(20) NOT NULL,
    revision integer NOT NULL,
    submitted_at timestamptz,
    reviewed_at timestamptz,
    reviewed_by uuid,
    review_comment varchar(4000),
    CONSTRAINT pk_rectification_plans PRIMARY KEY (id),
    CONSTRAINT fk_rectification_plans_target_id FOREIGN KEY (target_id) REFERENCES round_targets (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_rectification_plans_target_id ON rectification_plans (target_id);

CREATE TABLE plan_revisions (
    id uuid NOT NULL,
    plan_id uuid NOT NULL,
    number integer NOT NULL,
    submitted_at timestamptz NOT NULL,
    submitted_by uuid NOT NULL,
    snapshot text NOT NULL,
    outcome varchar(20),
    review_comment varchar(4000),
    task_comments text,
    CONSTRAINT pk_plan_revisions PRIMARY KEY (id),
    CONSTRAINT fk_plan_revisions_plan_id FOREIGN KEY (plan_id) REFERENCES rectification_plans (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_plan_revisions_plan_id_number ON plan_revisions (plan_id, number);

-- The rectification ledger (整改台账) is one row per task.
CREATE TABLE rectification_tasks (
    id uuid NOT NULL,
    plan_id uuid NOT NULL,
    problem_id uuid NOT NULL,
    sequence integer NOT NULL,
    goal varchar(2000) NOT NULL,
    measures varchar(8000) NOT NULL,
    responsible_leader varchar(50) NOT NULL,
    lead_organization_id uuid NOT NULL,
    deadline date,
    kind varchar(20) NOT NULL,
    is_supplementary boolean NOT NULL,
    state varchar(20) NOT NULL,
    percent integer NOT NULL,
    review_comment varchar(2000),
    closure_statement varchar(4000),
    closure_requested_at timestamptz,
    closure_return_reason varchar(2000),
    closed_on date,
    closed_by uuid,
    closure_result varchar(20),
    created_at timestamptz NOT NULL,
    CONSTRAINT pk_rectification_tasks PRIMARY KEY (id),
    CONSTRAINT fk_rectification_tasks_lead_organization_id FOREIGN KEY (lead_organization_id) REFERENCES organizations (id) ON DELETE RESTRICT,
    CONSTRAINT fk_rectification_tasks_plan_id FOREIGN KEY (plan_id) REFERENCES rectification_plans (id) ON DELETE CASCADE,
    CONSTRAINT fk_rectification_tasks_problem_id FOREIGN KEY (problem_id) REFERENCES problems (id) ON DELETE RESTRICT,
    CONSTRAINT ck_rectification_tasks_percent CHECK (percent BETWEEN 0 AND 100)
);
CREATE INDEX ix_rectification_tasks_deadline ON rectification_tasks (deadline);
CREATE INDEX ix_rectification_tasks_lead_organization_id ON rectification_tasks (lead_organization_id);
CREATE INDEX ix_rectification_tasks_plan_id ON rectification_tasks (plan_id);
CREATE INDEX ix_rectification_tasks_problem_id ON rectification_tasks (problem_id);

CREATE TABLE task_co_organizations (
    task_id uuid NOT NULL,
    organization_id uuid NOT NULL,
    CONSTRAINT pk_task_co_organizations PRIMARY KEY (task_id, organization_id),
    CONSTRAINT fk_task_co_organizations_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE RESTRICT,
    CONSTRAINT fk_task_co_organizations_task_id FOREIGN KEY (task_id) REFERENCES rectification_tasks (id) ON DELETE CASCADE
);
CREATE INDEX ix_task_co_organizations_organization_id ON task_co_organizations (organization_id);

CREATE TABLE task_milestones (
    id uuid NOT NULL,
    task_id uuid NOT NULL,
    due_on date NOT NULL,
    description varchar(500) NOT NULL,
    CONSTRAINT pk_task_milestones PRIMARY KEY (id),
    CONSTRAINT fk_task_milestones_task_id FOREIGN KEY (task_id) REFERENCES rectification_tasks (id) ON DELETE CASCADE
);
CREATE INDEX ix_task_milestones_task_id ON task_milestones (task_id);

CREATE TABLE progress_reports (
    id uuid NOT NULL,
    task_id uuid NOT NULL,
    text varchar(4000) NOT NULL,
    percent integer NOT NULL,
    is_closure_request boolean NOT NULL,
    reported_by uuid NOT NULL,
    reported_at timestamptz NOT NULL,
    CONSTRAINT pk_progress_reports PRIMARY KEY (id),
    CONSTRAINT fk_progress_reports_reported_by FOREIGN KEY (reported_by) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT fk_progress_reports_task_id FOREIGN KEY (task_id) REFERENCES rectification_tasks (id) ON DELETE CASCADE,
    CONSTRAINT ck_progress_reports_percent CHECK (percent BETWEEN 0 AND 100)
);
CREATE INDEX ix_progress_reports_reported_by ON progress_reports (reported_by);
CREATE INDEX ix_progress_reports_task_id ON progress_reports (task_id);

CREATE TABLE rectification_reports (
    id uuid NOT NULL,
    target_id uuid NOT NULL,
    summary varchar(20000) NOT NULL,
    status varchar(20) NOT NULL,
    grade varchar(20),
    evaluation_comment varchar(4000),
    return_reason varchar(4000),
    submitted_at timestamptz,
    evaluated_at timestamptz,
    evaluated_by uuid,
    CONSTRAINT pk_rectification_reports PRIMARY KEY (id),
    CONSTRAINT fk_rectification_reports_target_id FOREIGN KEY (target_id) REFERENCES round_targets (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_rectification_reports_target_id ON rectification_reports (target_id);

-- Evidence files: bytes outside the web root under a generated name; the row keeps name, type, size, SHA-256.
CREATE TABLE stored_files (
    id uuid NOT NULL,
    owner_type varchar(20) NOT NULL,
    owner_id uuid NOT NULL,
    file_name varchar(200) NOT NULL,
    content_type varchar(100) NOT NULL,
    length bigint NOT NULL,
    sha256 char(64) NOT NULL,
    storage_name varchar(100) NOT NULL,
    uploaded_by uuid NOT NULL,
    uploaded_at timestamptz NOT NULL,
    CONSTRAINT pk_stored_files PRIMARY KEY (id),
    CONSTRAINT fk_stored_files_uploaded_by FOREIGN KEY (uploaded_by) REFERENCES users (id) ON DELETE RESTRICT
);
CREATE INDEX ix_stored_files_owner_type_owner_id ON stored_files (owner_type, owner_id);
CREATE INDEX ix_stored_files_uploaded_by ON stored_files (uploaded_by);

INSERT INTO taxonomies (id, code, name, version_number, is_active) VALUES
    ('00000000-0000-7000-8000-000000000101', 'five-aspects', '巡察五个方面', 1, true),
    ('00000000-0000-7000-8000-000000000201', 'four-implementations', '“四个落实”', 1, true);
INSERT INTO problem_categories (id, taxonomy_id, code, name, sort_order) VALUES
    ('00000000-0000-7000-8000-000000000111', '00000000-0000-7000-8000-000000000101', 'political', '党的政治建设方面', 1),
    ('00000000-0000-7000-8000-000000000112', '00000000-0000-7000-8000-000000000101', 'duties', '履行职能责任方面', 2),
    ('00000000-0000-7000-8000-000000000113', '00000000-0000-7000-8000-000000000101', 'governance', '管党治党方面', 3),
    ('00000000-0000-7000-8000-000000000114', '00000000-0000-7000-8000-000000000101', 'cadres', '领导班子和干部队伍建设方面', 4),
    ('00000000-0000-7000-8000-000000000115', '00000000-0000-7000-8000-000000000101', 'reform-risk', '深化改革与防范化解风险方面', 5),
    ('00000000-0000-7000-8000-000000000211', '00000000-0000-7000-8000-000000000201', 'theory-policy', '落实党的理论路线方针政策和党中央重大决策部署', 1),
    ('00000000-0000-7000-8000-000000000212', '00000000-0000-7000-8000-000000000201', 'strict-governance', '落实全面从严治党责任', 2),
    ('00000000-0000-7000-8000-000000000213', '00000000-0000-7000-8000-000000000201', 'organisational-line', '落实新时代党的组织路线', 3),
    ('00000000-0000-7000-8000-000000000214', '00000000-0000-7000-8000-000000000201', 'rectification', '落实巡视巡察审计等整改', 4);
