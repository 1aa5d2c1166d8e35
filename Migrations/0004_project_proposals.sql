-- 0004_project_proposals.sql — the "new openness project" card (بطاقة حول مشروع انفتاح جديد)
-- a citizen may put forward while an ideas call is open. The documents name the card without
-- listing its fields, so it asks what a program's own project card states and a citizen can
-- know: title, axis, problem and objectives, description, expected results, proposed partners
-- and, optionally, an estimated cost.
--
-- The proposal row carries the call, the axis, the title, the description (the project's
-- description as typed), the author's optional data, the status and the tracking code like any
-- proposal; this table keeps the rest of the card and is what marks a proposal as a new
-- project: kind stays 'idea' in `proposals` and the public kind is
--   CASE WHEN EXISTS (card row) THEN 'project' ELSE proposals.kind END.
-- Why not widen proposals.kind's CHECK instead: SQLite cannot alter a CHECK, so that means
-- rebuilding `proposals`, and this file runs inside the migrator's transaction where
-- `PRAGMA foreign_keys = OFF` does nothing: DROP TABLE proposals would run an implicit DELETE
-- whose ON DELETE CASCADE empties proposal_observations, and any later table that references
-- proposals (on a database where such a migration was applied first) with it. Risking what
-- citizens submitted to widen one CHECK is the wrong trade. And the card IS an idea in the
-- sense the store uses: submitted to the ideas call on one of its axes, counted, filtered and
-- answered like one; everything that reads kind 'idea' stays right.

CREATE TABLE proposal_projects (
    proposal_id      INTEGER PRIMARY KEY REFERENCES proposals(id) ON DELETE CASCADE,
    objective        TEXT NOT NULL CHECK (objective <> ''),
    expected_results TEXT NOT NULL DEFAULT '',
    partners         TEXT NOT NULL DEFAULT '',
    -- In centimes, like every amount in the store; NULL when the citizen gave none.
    estimated_cost   INTEGER CHECK (estimated_cost IS NULL OR estimated_cost >= 0)
) STRICT;
