-- 0019_search.sql — search over communes, programs, axes, projects, activities, milestones and
-- public proposals (issue 16).
--
-- * search_entries holds what a result shows and where it leads (in both languages); its id is
--   the rowid of search_fts, which holds the words as search reads them (SearchText: Arabic
--   folded and its prefixes taken off, French folded), so FTS5 matches normalised words while
--   pages show the original text.
-- * Triggers note every change in search_dirty, in the transaction of the change; the portal
--   folds the noted rows into the index (SearchStore.refresh) before answering a search and in
--   the background, so a change is searchable at once and a bulk load is indexed in batches.
--   Only SQL runs in the triggers, so any client that writes the tables (the benchmark's
--   generator) keeps the index current too.

CREATE TABLE search_entries (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('commune', 'program', 'axis', 'project', 'activity', 'milestone', 'proposal')),
    ref        INTEGER NOT NULL,
    commune_id INTEGER,
    slug       TEXT,
    period     TEXT,
    number     INTEGER,
    code       TEXT,
    title_ar   TEXT NOT NULL,
    title_fr   TEXT,
    UNIQUE (kind, ref)
) STRICT;
CREATE INDEX search_entries_commune ON search_entries (commune_id);

CREATE VIRTUAL TABLE search_fts USING fts5(terms, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE search_dirty (
    kind TEXT NOT NULL,
    ref  INTEGER NOT NULL,
    PRIMARY KEY (kind, ref)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER search_communes_insert AFTER INSERT ON communes BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('commune', NEW.id); END;
CREATE TRIGGER search_communes_update AFTER UPDATE ON communes BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('commune', NEW.id); END;
CREATE TRIGGER search_communes_delete AFTER DELETE ON communes BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('commune', OLD.id); END;
CREATE TRIGGER search_programs_insert AFTER INSERT ON programs BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('program', NEW.id); END;
CREATE TRIGGER search_programs_update AFTER UPDATE ON programs BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('program', NEW.id); END;
CREATE TRIGGER search_programs_delete AFTER DELETE ON programs BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('program', OLD.id); END;
CREATE TRIGGER search_axes_insert AFTER INSERT ON axes BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('axis', NEW.id); END;
CREATE TRIGGER search_axes_update AFTER UPDATE ON axes BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('axis', NEW.id); END;
CREATE TRIGGER search_axes_delete AFTER DELETE ON axes BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('axis', OLD.id); END;
CREATE TRIGGER search_projects_insert AFTER INSERT ON projects BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('project', NEW.id); END;
CREATE TRIGGER search_projects_update AFTER UPDATE ON projects BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('project', NEW.id); END;
CREATE TRIGGER search_projects_delete AFTER DELETE ON projects BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('project', OLD.id); END;
CREATE TRIGGER search_activities_insert AFTER INSERT ON activities BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('activity', NEW.id); END;
CREATE TRIGGER search_activities_update AFTER UPDATE ON activities BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('activity', NEW.id); END;
CREATE TRIGGER search_activities_delete AFTER DELETE ON activities BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('activity', OLD.id); END;
CREATE TRIGGER search_milestones_insert AFTER INSERT ON milestones BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('milestone', NEW.id); END;
CREATE TRIGGER search_milestones_update AFTER UPDATE ON milestones BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('milestone', NEW.id); END;
CREATE TRIGGER search_milestones_delete AFTER DELETE ON milestones BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('milestone', OLD.id); END;
CREATE TRIGGER search_proposals_insert AFTER INSERT ON proposals BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('proposal', NEW.id); END;
CREATE TRIGGER search_proposals_update AFTER UPDATE OF title, description, hidden, merged_into_id ON proposals
BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('proposal', NEW.id); END;
CREATE TRIGGER search_proposals_delete AFTER DELETE ON proposals BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('proposal', OLD.id); END;

-- What existed before this migration is indexed like any change.
INSERT INTO search_dirty SELECT 'commune', id FROM communes;
INSERT INTO search_dirty SELECT 'program', id FROM programs;
INSERT INTO search_dirty SELECT 'axis', id FROM axes;
INSERT INTO search_dirty SELECT 'project', id FROM projects;
INSERT INTO search_dirty SELECT 'activity', id FROM activities;
INSERT INTO search_dirty SELECT 'milestone', id FROM milestones;
INSERT INTO search_dirty SELECT 'proposal', id FROM proposals;
