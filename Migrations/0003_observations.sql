-- 0003_observations.sql — the observation card (بطاقة الملاحظات) a citizen fills in on a draft
-- project while a 'draft-comments' call is open. The proposal row (kind 'observation',
-- project_id set) carries the call, the author's optional data, the status and the tracking
-- code like any proposal; this table keeps the card's six fields as the citizen wrote them
-- (each may be empty, never all of them). Its title/description are the card's first field
-- and all its fields, so lists and exports read every proposal the same way.

CREATE TABLE proposal_observations (
    proposal_id INTEGER PRIMARY KEY REFERENCES proposals(id) ON DELETE CASCADE,
    problem     TEXT NOT NULL DEFAULT '',
    solutions   TEXT NOT NULL DEFAULT '',
    funding     TEXT NOT NULL DEFAULT '',
    follow_up   TEXT NOT NULL DEFAULT '',
    impact      TEXT NOT NULL DEFAULT '',
    remarks     TEXT NOT NULL DEFAULT '',
    CHECK (problem <> '' OR solutions <> '' OR funding <> '' OR follow_up <> '' OR impact <> '' OR remarks <> '')
) STRICT;
