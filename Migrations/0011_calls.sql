-- 0011_calls.sql — calls run by the commune from the admin area (issue 12).
--
-- * A call "closed now" by a focal point, or closed because its program went back to draft,
--   has its closes_at moved to that instant; closed_early says why (shown on the call's page)
--   and planned_closes_at keeps the window that had been announced.
-- * The rules that need other rows (no overlapping windows of one kind on a program, the
--   program's state, proposals inside the window) are checked by CallStore inside the write
--   that changes the call; the triggers below keep the last line of defence for the two that
--   a stray UPDATE could break without reading the program's state.

ALTER TABLE calls ADD COLUMN closed_early TEXT CHECK (closed_early IN ('closed-now', 'back-to-draft'));
ALTER TABLE calls ADD COLUMN planned_closes_at TEXT
    CHECK (planned_closes_at IS NULL OR planned_closes_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z');

CREATE TRIGGER calls_no_overlap_insert BEFORE INSERT ON calls
WHEN EXISTS (SELECT 1 FROM calls c WHERE c.program_id = NEW.program_id AND c.kind = NEW.kind
             AND c.opens_at < NEW.closes_at AND NEW.opens_at < c.closes_at)
BEGIN
    SELECT RAISE(ABORT, 'calls: two calls of the same kind overlap on one program');
END;

CREATE TRIGGER calls_no_overlap_update BEFORE UPDATE OF opens_at, closes_at, kind, program_id ON calls
WHEN EXISTS (SELECT 1 FROM calls c WHERE c.id <> NEW.id AND c.program_id = NEW.program_id AND c.kind = NEW.kind
             AND c.opens_at < NEW.closes_at AND NEW.opens_at < c.closes_at)
BEGIN
    SELECT RAISE(ABORT, 'calls: two calls of the same kind overlap on one program');
END;
