-- The inspector talent pool (人才库): members, their avoidance relations, training, recommendations, yearly
-- confirmations and appraisals; the policy group formation follows; groups made of pool members.

-- Configurable lists: ranks (level orders them: higher is more senior) and professions.
CREATE TABLE pool_ranks (
    id uuid NOT NULL,
    name varchar(20) NOT NULL,
    level integer NOT NULL,
    is_active boolean NOT NULL,
    CONSTRAINT pk_pool_ranks PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_pool_ranks_name ON pool_ranks (name);

CREATE TABLE pool_professions (
    id uuid NOT NULL,
    name varchar(20) NOT NULL,
    sort_order integer NOT NULL,
    is_active boolean NOT NULL,
    CONSTRAINT pk_pool_professions PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_pool_professions_name ON pool_professions (name);

INSERT INTO pool_ranks (id, name, level, is_active) VALUES
    ('00000000-0000-7000-8000-000000000301', '正处', 5, true),
    ('00000000-0000-7000-8000-000000000302', '副处', 4, true),
    ('00000000-0000-7000-8000-000000000303', '正科', 3, true),
    ('00000000-0000-7000-8000-000000000304', '副科', 2, true),
    ('00000000-0000-7000-8000-000000000305', '其他', 1, true);

INSERT INTO pool_professions (id, name, sort_order, is_active) VALUES
    ('00000000-0000-7000-8000-000000000401', '党建', 1, true),
    ('00000000-0000-7000-8000-000000000402', '纪检', 2, true),
    ('00000000-0000-7000-8000-000000000403', '组织人事', 3, true),
    ('00000000-0000-7000-8000-000000000404', '财务', 4, true),
    ('00000000-0000-7000-8000-000000000405', '审计', 5, true),
    ('00000000-0000-7000-8000-000000000406', '法律', 6, true),
    ('00000000-0000-7000-8000-000000000407', '业务', 7, true);

-- Per committee: the hard limits of group formation and the weights of its goals.
CREATE TABLE pool_policies (
    committee_id uuid NOT NULL,
    leader_min_level integer NOT NULL,
    group_min_size integer NOT NULL,
    group_max_size integer NOT NULL,
    avoidance_years integer NOT NULL,
    excellent_percent integer NOT NULL,
    recent_years integer NOT NULL,
    required_profession_ids uuid[] NOT NULL,
    weight_coverage integer NOT NULL,
    weight_mentoring integer NOT NULL,
    weight_mix integer NOT NULL,
    weight_fairness integer NOT NULL,
    weight_diversity integer NOT NULL,
    CONSTRAINT pk_pool_policies PRIMARY KEY (committee_id),
    CONSTRAINT fk_pool_policies_committee_id FOREIGN KEY (committee_id) REFERENCES organizations (id) ON DELETE RESTRICT
);

-- A member of the pool: applied (自荐 / 组织推荐) or decided by the office; active, rejected or exited (with
-- the reason); confirmed year by year. Linked to an account when the person has one.
CREATE TABLE pool_members (
    id uuid NOT NULL,
    committee_id uuid NOT NULL,
    user_id uuid,
    name varchar(50) NOT NULL,
    organization_id uuid NOT NULL,
    position varchar(100),
    rank_id uuid NOT NULL,
    leader_eligible boolean NOT NULL,
    full_time boolean NOT NULL,
    phone varchar(30),
    email varchar(100),
    status varchar(20) NOT NULL,
    entry_route varchar(30) NOT NULL,
    recommended_by_organization_id uuid,
    application_reason varchar(1000),
    applied_at timestamptz NOT NULL,
    applied_by uuid,
    decided_at timestamptz,
    decided_by uuid,
    decision_note varchar(1000),
    exit_reason varchar(30),
    exit_note varchar(1000),
    exited_at timestamptz,
    exited_by uuid,
    confirmed_year integer,
    CONSTRAINT pk_pool_members PRIMARY KEY (id),
    CONSTRAINT fk_pool_members_committee_id FOREIGN KEY (committee_id) REFERENCES organizations (id) ON DELETE RESTRICT,
    CONSTRAINT fk_pool_members_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT fk_pool_members_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE RESTRICT,
    CONSTRAINT fk_pool_members_rank_id FOREIGN KEY (rank_id) REFERENCES pool_ranks (id) ON DELETE RESTRICT,
    CONSTRAINT fk_pool_members_recommended_by_organization_id FOREIGN KEY (recommended_by_organization_id) REFERENCES organizations (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_pool_members_user_id ON pool_members (user_id);
CREATE INDEX ix_pool_members_committee_id_status ON pool_members (committee_id, status);
CREATE INDEX ix_pool_members_organization_id ON pool_members (organization_id);

CREATE TABLE pool_member_professions (
    member_id uuid NOT NULL,
    profession_id uuid NOT NULL,
    CONSTRAINT pk_pool_member_professions PRIMARY KEY (member_id, profession_id),
    CONSTRAINT fk_pool_member_professions_member_id FOREIGN KEY (member_id) REFERENCES pool_members (id) ON DELETE CASCADE,
    CONSTRAINT fk_pool_member_professions_profession_id FOREIGN KEY (profession_id) REFERENCES pool_professions (id) ON DELETE RESTRICT
);

-- Avoidance relations (回避): past organisations with dates, relatives, other declared conflicts.
CREATE TABLE pool_relations (
    id uuid NOT NULL,
    member_id uuid NOT NULL,
    kind varchar(20) NOT NULL,
    organization_id uuid NOT NULL,
    from_date date,
    to_date date,
    person_name varchar(50),
    relation varchar(20),
    note varchar(500),
    CONSTRAINT pk_pool_relations PRIMARY KEY (id),
    CONSTRAINT fk_pool_relations_member_id FOREIGN KEY (member_id) REFERENCES pool_members (id) ON DELETE CASCADE,
    CONSTRAINT fk_pool_relations_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE RESTRICT
);
CREATE INDEX ix_pool_relations_member_id ON pool_relations (member_id);

-- Training (the five courses of seed 004) and recommendations to higher-level inspections.
CREATE TABLE pool_trainings (
    id uuid NOT NULL,
    member_id uuid NOT NULL,
    course varchar(100) NOT NULL,
    kind varchar(20) NOT NULL,
    date date NOT NULL,
    hours numeric(5,1) NOT NULL,
    CONSTRAINT pk_pool_trainings PRIMARY KEY (id),
    CONSTRAINT fk_pool_trainings_member_id FOREIGN KEY (member_id) REFERENCES pool_members (id) ON DELETE CASCADE
);
CREATE INDEX ix_pool_trainings_member_id ON pool_trainings (member_id);

CREATE TABLE pool_recommendations (
    id uuid NOT NULL,
    member_id uuid NOT NULL,
    body varchar(100) NOT NULL,
    date date NOT NULL,
    note varchar(500),
    CONSTRAINT pk_pool_recommendations PRIMARY KEY (id),
    CONSTRAINT fk_pool_recommendations_member_id FOREIGN KEY (member_id) REFERENCES pool_members (id) ON DELETE CASCADE
);
CREATE INDEX ix_pool_recommendations_member_id ON pool_recommendations (member_id);

-- Appraisal (鉴定) of each member after a round: the group leader's grade and the office's (final) grade.
CREATE TABLE pool_appraisals (
    round_id uuid NOT NULL,
    member_id uuid NOT NULL,
    leader_grade varchar(20),
    leader_comment varchar(1000),
    leader_by uuid,
    office_grade varchar(20),
    office_comment varchar(1000),
    office_by uuid,
    CONSTRAINT pk_pool_appraisals PRIMARY KEY (round_id, member_id),
    CONSTRAINT fk_pool_appraisals_round_id FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE,
    CONSTRAINT fk_pool_appraisals_member_id FOREIGN KEY (member_id) REFERENCES pool_members (id) ON DELETE RESTRICT
);
CREATE INDEX ix_pool_appraisals_member_id ON pool_appraisals (member_id);

-- Groups are made of pool members; the account (when there is one) is kept alongside for access checks.
-- People already in groups become pool members (rank 其他, decided by the office), so no group loses anyone.
ALTER TABLE group_members ADD COLUMN member_id uuid;
INSERT INTO pool_members (id, committee_id, user_id, name, organization_id, rank_id, leader_eligible, full_time, status,
                          entry_route, applied_at, decided_at, decision_note)
SELECT gen_random_uuid(), c.id, u.id, u.display_name, COALESCE(u.organization_id, c.id), '00000000-0000-7000-8000-000000000305',
       EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND r.name = 'group-leader'),
       false, 'Active', 'OfficeDecided', now(), now(), '已在巡察组中，建库时转入'
FROM (SELECT DISTINCT user_id FROM group_members) g
JOIN users u ON u.id = g.user_id
CROSS JOIN (SELECT id FROM organizations WHERE type = 'Committee' AND parent_id IS NULL ORDER BY sort_order, name LIMIT 1) c;
UPDATE group_members m SET member_id = p.id FROM pool_members p WHERE p.user_id = m.user_id;
ALTER TABLE group_members ALTER COLUMN member_id SET NOT NULL;
ALTER TABLE group_members DROP CONSTRAINT pk_group_members;
ALTER TABLE group_members ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE group_members ADD CONSTRAINT pk_group_members PRIMARY KEY (group_id, member_id);
ALTER TABLE group_members ADD CONSTRAINT fk_group_members_member_id FOREIGN KEY (member_id) REFERENCES pool_members (id) ON DELETE RESTRICT;
CREATE INDEX ix_group_members_member_id ON group_members (member_id);
