-- 0015_execution.sql — carrying out an adopted program (issue 13, part A): the progress of its
-- activities and the values of its projects' indicators.
--
-- activity_progress: one row per change of an activity's state, kept as history like the audit
-- log (the triggers refuse UPDATE and DELETE). The activity's current state is its latest entry:
-- entries are dated (entry_on, a Moroccan day) and a new entry may not be dated before the
-- activity's latest one, so the order of ids is the order of dates. Each entry carries the whole
-- state (status, percent, actual dates and cost), so reading the latest entry is enough.
-- * status: not-started, in-progress, done, delayed, cancelled; delayed and cancelled say why
--   (reason_ar or reason_fr; a French-speaking focal point may write only French).
-- * percent: 0..100; 'done' is 100 and 'not-started' is 0.
-- * started_on / ended_on: the actual days (the planned ones stay on `activities`);
--   actual_cost_centimes: what was spent so far, beside the planned cost.
-- * recorded_at: UTC 'YYYY-MM-DDTHH:MM:SSZ'; recorded_by a plain account id (no foreign key, like
--   audit_log.user_id) and recorded_by_name the name it was written under.
-- * An activity that has progress cannot be deleted (trigger below): an amendment cancels it
--   instead, and its history stays.
--
-- indicator_plans: what completes an indicator of a project card (project_indicators, whose texts
-- are kept as they are): its unit, its baseline with its date and its target with its date. A
-- mutable row, every change audited; the rule "set once after adoption, changed afterwards only
-- inside an amendment" is the application's (ExecutionRules), checked inside the write.
--
-- indicator_values: the measured values of an indicator over time (date, value, source, note),
-- append-only like activity_progress.
--
-- Values (baselines, targets, measured values) are stored by unit: a whole number in
-- value_number for count and days, dirhams in centimes, percent in hundredths of a percent
-- (45.5 % = 4550), yes/no as 1/0; a text unit in value_text. Exactly one of the two is set.

CREATE TABLE activity_progress (
    id                   INTEGER PRIMARY KEY,
    activity_id          INTEGER NOT NULL REFERENCES activities(id),
    entry_on             TEXT NOT NULL CHECK (entry_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status               TEXT NOT NULL CHECK (status IN ('not-started', 'in-progress', 'done', 'delayed', 'cancelled')),
    percent              INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    reason_ar            TEXT,
    reason_fr            TEXT,
    note_ar              TEXT,
    note_fr              TEXT,
    started_on           TEXT CHECK (started_on IS NULL OR started_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    ended_on             TEXT CHECK (ended_on IS NULL OR ended_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    actual_cost_centimes INTEGER CHECK (actual_cost_centimes IS NULL OR actual_cost_centimes >= 0),
    recorded_at          TEXT NOT NULL CHECK (recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    recorded_by          INTEGER,
    recorded_by_name     TEXT NOT NULL,
    CHECK (status NOT IN ('delayed', 'cancelled') OR length(coalesce(reason_ar, '')) > 0 OR length(coalesce(reason_fr, '')) > 0),
    CHECK (status <> 'done' OR percent = 100),
    CHECK (status <> 'not-started' OR percent = 0),
    CHECK (ended_on IS NULL OR (started_on IS NOT NULL AND ended_on >= started_on))
) STRICT;
CREATE INDEX activity_progress_activity ON activity_progress (activity_id, id);

CREATE TRIGGER activity_progress_in_order BEFORE INSERT ON activity_progress
WHEN EXISTS (SELECT 1 FROM activity_progress p WHERE p.activity_id = NEW.activity_id AND p.entry_on > NEW.entry_on)
BEGIN SELECT RAISE(ABORT, 'a progress entry cannot be dated before the activity''s latest entry'); END;
CREATE TRIGGER activity_progress_no_update BEFORE UPDATE ON activity_progress
BEGIN SELECT RAISE(ABORT, 'a progress entry cannot be changed'); END;
CREATE TRIGGER activity_progress_no_delete BEFORE DELETE ON activity_progress
BEGIN SELECT RAISE(ABORT, 'a progress entry cannot be deleted'); END;
CREATE TRIGGER activities_keep_progress BEFORE DELETE ON activities
WHEN EXISTS (SELECT 1 FROM activity_progress p WHERE p.activity_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'an activity with progress cannot be deleted: cancel it instead'); END;

CREATE TABLE indicator_plans (
    indicator_id        INTEGER PRIMARY KEY REFERENCES project_indicators(id) ON DELETE CASCADE,
    unit                TEXT CHECK (unit IS NULL OR unit IN ('count', 'percent', 'dirhams', 'days', 'yes-no', 'text')),
    baseline_number     INTEGER,
    baseline_text       TEXT,
    baseline_on         TEXT CHECK (baseline_on IS NULL OR baseline_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    target_number       INTEGER,
    target_text         TEXT,
    target_on           TEXT CHECK (target_on IS NULL OR target_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    CHECK (baseline_number IS NULL OR baseline_text IS NULL),
    CHECK (target_number IS NULL OR target_text IS NULL),
    -- a value needs its unit
    CHECK (unit IS NOT NULL OR (baseline_number IS NULL AND baseline_text IS NULL AND target_number IS NULL AND target_text IS NULL))
) STRICT;

CREATE TABLE indicator_values (
    id               INTEGER PRIMARY KEY,
    indicator_id     INTEGER NOT NULL REFERENCES project_indicators(id),
    measured_on      TEXT NOT NULL CHECK (measured_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    value_number     INTEGER,
    value_text       TEXT,
    source_ar        TEXT,
    source_fr        TEXT,
    note_ar          TEXT,
    note_fr          TEXT,
    recorded_at      TEXT NOT NULL CHECK (recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    recorded_by      INTEGER,
    recorded_by_name TEXT NOT NULL,
    CHECK ((value_number IS NULL) <> (value_text IS NULL))
) STRICT;
CREATE INDEX indicator_values_indicator ON indicator_values (indicator_id, measured_on, id);

CREATE TRIGGER indicator_values_no_update BEFORE UPDATE ON indicator_values
BEGIN SELECT RAISE(ABORT, 'a measured value cannot be changed'); END;
CREATE TRIGGER indicator_values_no_delete BEFORE DELETE ON indicator_values
BEGIN SELECT RAISE(ABORT, 'a measured value cannot be deleted'); END;
CREATE TRIGGER project_indicators_keep_values BEFORE DELETE ON project_indicators
WHEN EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'an indicator with measured values cannot be deleted'); END;
