-- Talk interviewers are the group's people by their pool member id (with an account or not), no longer accounts.
UPDATE talk_entries t SET interviewers = ARRAY(
    SELECT coalesce((SELECT gm.member_id FROM group_members gm WHERE gm.group_id = t.group_id AND gm.user_id = i LIMIT 1), i)
    FROM unnest(t.interviewers) AS i);

-- Where a day off or make-up working day comes from: the State Council's notice of the year, a file the office
-- imported, or an entry made by hand.
ALTER TABLE calendar_days ADD COLUMN source varchar(200);

-- The years whose holidays are known for certain, from the State Council's notices as Xinhua published them
-- (2025: 国办发明电〔2024〕12号 of 12 November 2024; 2026: the notice of 4 November 2025). Days off include the
-- weekends inside each holiday, so a holiday reads whole; an office's own entries for these dates stay.
INSERT INTO calendar_days (date, is_workday, note, source)
SELECT d::date, k.is_workday, k.note, k.source
FROM (VALUES
    ('2025-01-01', '2025-01-01', false, '元旦', '2025'),
    ('2025-01-26', '2025-01-26', true, '春节调休上班', '2025'),
    ('2025-01-28', '2025-02-04', false, '春节', '2025'),
    ('2025-02-08', '2025-02-08', true, '春节调休上班', '2025'),
    ('2025-04-04', '2025-04-06', false, '清明节', '2025'),
    ('2025-04-27', '2025-04-27', true, '劳动节调休上班', '2025'),
    ('2025-05-01', '2025-05-05', false, '劳动节', '2025'),
    ('2025-05-31', '2025-06-02', false, '端午节', '2025'),
    ('2025-09-28', '2025-09-28', true, '国庆节调休上班', '2025'),
    ('2025-10-01', '2025-10-08', false, '国庆节、中秋节', '2025'),
    ('2025-10-11', '2025-10-11', true, '国庆节调休上班', '2025'),
    ('2026-01-01', '2026-01-03', false, '元旦', '2026'),
    ('2026-01-04', '2026-01-04', true, '元旦调休上班', '2026'),
    ('2026-02-14', '2026-02-14', true, '春节调休上班', '2026'),
    ('2026-02-15', '2026-02-23', false, '春节', '2026'),
    ('2026-02-28', '2026-02-28', true, '春节调休上班', '2026'),
    ('2026-04-04', '2026-04-06', false, '清明节', '2026'),
    ('2026-05-01', '2026-05-05', false, '劳动节', '2026'),
    ('2026-05-09', '2026-05-09', true, '劳动节调休上班', '2026'),
    ('2026-06-19', '2026-06-21', false, '端午节', '2026'),
    ('2026-09-20', '2026-09-20', true, '国庆节调休上班', '2026'),
    ('2026-09-25', '2026-09-27', false, '中秋节', '2026'),
    ('2026-10-01', '2026-10-07', false, '国庆节', '2026'),
    ('2026-10-10', '2026-10-10', true, '国庆节调休上班', '2026')
) AS r (first_day, last_day, is_workday, note, year)
CROSS JOIN LATERAL (SELECT r.is_workday, r.note,
    CASE r.year WHEN '2025' THEN '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）'
                ELSE '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）' END AS source) AS k
CROSS JOIN LATERAL generate_series(r.first_day::date, r.last_day::date, interval '1 day') AS d
ON CONFLICT (date) DO NOTHING;
