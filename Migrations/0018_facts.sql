-- 0018_facts.sql — facts exactly as the documents give them (issue 14).
--
-- * Versions and transitions get an EFFECTIVE date beside the technical time they were frozen or
--   recorded: the day, range or month the step took place as the documents (or the person who
--   records it) date it — "adopted in the October 2023 session" is the month '2023-10', not the
--   day the database was made. Same shape as milestones (0001): effective_start, effective_end
--   (only for a range), effective_precision 'day' | 'range' | 'month', or all three NULL (not
--   dated: the page shows the technical time). Set when the row is inserted; the rows stay
--   immutable (the triggers of 0006 and 0009 refuse any UPDATE).
-- * programs.source_on / source_precision: the date of the document the program's figures come
--   from ("data as of"), day or month; NULL when the program is entered live in the portal.
-- * Facts the demo loader inferred rather than read, marked so the pages can say so:
--   programs.period_inferred (a period the document does not print), communes.region_inferred,
--   events.split_inferred (a breakdown by axis read from a damaged chart).
-- * network_components: what the network's support programme comprises (seed 002, "ويتضمن ذلك
--   مواكبة الجماعات الترابية من أجل"), in the document's order.

ALTER TABLE program_versions ADD COLUMN effective_start TEXT
    CHECK (effective_start IS NULL OR effective_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR effective_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE program_versions ADD COLUMN effective_end TEXT
    CHECK (effective_end IS NULL OR effective_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR effective_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE program_versions ADD COLUMN effective_precision TEXT
    CHECK (effective_precision IS NULL OR effective_precision IN ('day', 'range', 'month'));

ALTER TABLE program_transitions ADD COLUMN effective_start TEXT
    CHECK (effective_start IS NULL OR effective_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR effective_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE program_transitions ADD COLUMN effective_end TEXT
    CHECK (effective_end IS NULL OR effective_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR effective_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE program_transitions ADD COLUMN effective_precision TEXT
    CHECK (effective_precision IS NULL OR effective_precision IN ('day', 'range', 'month'));

-- The shape rule of milestones (0001), which ALTER TABLE cannot add as a table CHECK.
CREATE TRIGGER program_versions_effective_shape BEFORE INSERT ON program_versions
WHEN NOT ((NEW.effective_precision IS NULL AND NEW.effective_start IS NULL AND NEW.effective_end IS NULL)
       OR (NEW.effective_precision = 'day' AND length(NEW.effective_start) = 10 AND NEW.effective_end IS NULL)
       OR (NEW.effective_precision = 'month' AND length(NEW.effective_start) = 7 AND NEW.effective_end IS NULL)
       OR (NEW.effective_precision = 'range' AND NEW.effective_end IS NOT NULL
           AND length(NEW.effective_end) = length(NEW.effective_start) AND NEW.effective_end > NEW.effective_start))
BEGIN SELECT RAISE(ABORT, 'a version''s effective date must be a day, a month or a range of them'); END;

CREATE TRIGGER program_transitions_effective_shape BEFORE INSERT ON program_transitions
WHEN NOT ((NEW.effective_precision IS NULL AND NEW.effective_start IS NULL AND NEW.effective_end IS NULL)
       OR (NEW.effective_precision = 'day' AND length(NEW.effective_start) = 10 AND NEW.effective_end IS NULL)
       OR (NEW.effective_precision = 'month' AND length(NEW.effective_start) = 7 AND NEW.effective_end IS NULL)
       OR (NEW.effective_precision = 'range' AND NEW.effective_end IS NOT NULL
           AND length(NEW.effective_end) = length(NEW.effective_start) AND NEW.effective_end > NEW.effective_start))
BEGIN SELECT RAISE(ABORT, 'a transition''s effective date must be a day, a month or a range of them'); END;

ALTER TABLE programs ADD COLUMN source_on TEXT
    CHECK (source_on IS NULL OR source_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR source_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE programs ADD COLUMN period_inferred INTEGER NOT NULL DEFAULT 0 CHECK (period_inferred IN (0, 1));
ALTER TABLE communes ADD COLUMN region_inferred INTEGER NOT NULL DEFAULT 0 CHECK (region_inferred IN (0, 1));
ALTER TABLE events ADD COLUMN split_inferred INTEGER NOT NULL DEFAULT 0 CHECK (split_inferred IN (0, 1));

CREATE TABLE network_components (
    id       INTEGER PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE CHECK (position > 0),
    text_ar  TEXT NOT NULL,
    text_fr  TEXT
) STRICT;
