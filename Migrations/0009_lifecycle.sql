-- 0009_lifecycle.sql — a program's life in the admin area (issue 6): its state transitions and,
-- after the council adopted it, the amendments through which alone it may change.
--
-- program_transitions: one row per change of programs.status, made in the admin area. It is the
-- history shown on the public timeline (merged with the milestones), so it is append-only like
-- the audit log: the triggers refuse UPDATE and DELETE.
-- * happened_on: the Moroccan day the step took place ('YYYY-MM-DD'; today by default, or an
--   earlier day typed when the step is recorded late).
-- * recorded_at: UTC 'YYYY-MM-DDTHH:MM:SSZ', when it was recorded; recorded_by a plain account id
--   (no foreign key, like audit_log.user_id and program_versions.frozen_by).
-- * version_id: the version frozen by the transition (every transition freezes one).
--
-- program_amendments: a named change of an adopted program, with its own decision reference.
-- While one is open (closed_at NULL) the program's axes, projects and activities may be edited;
-- closing it freezes a version (version_id). At most one open amendment per program.

CREATE TABLE program_transitions (
    id          INTEGER PRIMARY KEY,
    program_id  INTEGER NOT NULL REFERENCES programs(id),
    from_state  TEXT NOT NULL CHECK (from_state IN ('co-preparation', 'draft', 'consultation', 'committee-review',
                                                    'presented', 'bureau-adopted', 'standing-committee', 'adopted',
                                                    'in-execution', 'closed')),
    to_state    TEXT NOT NULL CHECK (to_state IN ('co-preparation', 'draft', 'consultation', 'committee-review',
                                                  'presented', 'bureau-adopted', 'standing-committee', 'adopted',
                                                  'in-execution', 'closed')),
    happened_on TEXT NOT NULL CHECK (happened_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note_ar     TEXT,
    note_fr     TEXT,
    recorded_at TEXT NOT NULL CHECK (recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    recorded_by INTEGER,
    version_id  INTEGER NOT NULL REFERENCES program_versions(id),
    CHECK (from_state <> to_state),
    CHECK (note_fr IS NULL OR note_ar IS NOT NULL)
) STRICT;
CREATE INDEX program_transitions_program ON program_transitions (program_id, happened_on);

CREATE TRIGGER program_transitions_no_update BEFORE UPDATE ON program_transitions
BEGIN SELECT RAISE(ABORT, 'a recorded transition cannot be changed'); END;
CREATE TRIGGER program_transitions_no_delete BEFORE DELETE ON program_transitions
BEGIN SELECT RAISE(ABORT, 'a recorded transition cannot be deleted'); END;

CREATE TABLE program_amendments (
    id           INTEGER PRIMARY KEY,
    program_id   INTEGER NOT NULL REFERENCES programs(id),
    title_ar     TEXT NOT NULL CHECK (length(title_ar) > 0),
    title_fr     TEXT,
    decision_ref TEXT NOT NULL CHECK (length(decision_ref) > 0),
    opened_at    TEXT NOT NULL CHECK (opened_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    opened_by    INTEGER,
    opened_by_name TEXT NOT NULL,
    closed_at    TEXT CHECK (closed_at IS NULL OR closed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    closed_by    INTEGER,
    version_id   INTEGER REFERENCES program_versions(id),
    -- closed exactly when its version is frozen
    CHECK ((closed_at IS NULL) = (version_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX program_amendments_one_open ON program_amendments (program_id) WHERE closed_at IS NULL;
