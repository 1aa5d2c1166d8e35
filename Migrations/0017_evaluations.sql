-- 0017_evaluations.sql — the annual evaluation of a program (issue 13, part B): for each year of
-- its period, the committee (or the focal point) writes what worked, what did not and what changes
-- next year, in Arabic and French, beside figures the portal generates from the execution data
-- (activities, spending, indicators, integrated proposals, participation of the year).
--
-- * A draft's figures are computed live from the data; publishing stores them (`figures`, the
--   stable JSON of EvaluationFigures, and `figures_sha256`) with the day the data is from
--   (`data_as_of`: the last day of the year, or the publication day for the year in progress), so
--   a later progress entry or measured value never changes a published evaluation.
-- * A published evaluation is frozen like a program version: the triggers refuse any UPDATE or
--   DELETE of it. A draft may be edited and deleted.
-- * updated_at / published_at: UTC 'YYYY-MM-DDTHH:MM:SSZ'; *_by a plain account id (no foreign
--   key, like the audit log) and *_by_name the name it was written under.

CREATE TABLE evaluations (
    id                INTEGER PRIMARY KEY,
    program_id        INTEGER NOT NULL REFERENCES programs(id),
    year              INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    worked_ar         TEXT,
    worked_fr         TEXT,
    not_worked_ar     TEXT,
    not_worked_fr     TEXT,
    changes_ar        TEXT,
    changes_fr        TEXT,
    status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    data_as_of        TEXT CHECK (data_as_of IS NULL OR data_as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    figures           TEXT CHECK (figures IS NULL OR json_valid(figures)),
    figures_sha256    TEXT CHECK (figures_sha256 IS NULL OR (length(figures_sha256) = 64 AND figures_sha256 NOT GLOB '*[^0-9a-f]*')),
    updated_at        TEXT NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    updated_by        INTEGER,
    updated_by_name   TEXT NOT NULL,
    published_at      TEXT CHECK (published_at IS NULL OR published_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    published_by      INTEGER,
    published_by_name TEXT,
    UNIQUE (program_id, year),
    -- published exactly when its figures, their checksum, their day and the publication are recorded
    CHECK ((status = 'published') = (figures IS NOT NULL AND figures_sha256 IS NOT NULL AND data_as_of IS NOT NULL
                                     AND published_at IS NOT NULL AND published_by_name IS NOT NULL)),
    CHECK (status = 'draft' OR (length(worked_ar) > 0 AND length(not_worked_ar) > 0 AND length(changes_ar) > 0))
) STRICT;

CREATE TRIGGER evaluations_frozen BEFORE UPDATE ON evaluations WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published evaluation cannot be changed'); END;
CREATE TRIGGER evaluations_kept BEFORE DELETE ON evaluations WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published evaluation cannot be deleted'); END;
