-- 0016_evidence.sql — evidence of a program's execution (issue 13, part B): files (PDF, JPEG,
-- PNG) attached to a progress entry or to a measured value, kept in the database itself so that a
-- backup or a Litestream replica carries each file with the entry that cites it.
--
-- evidence_files: one row per distinct content, addressed by its SHA-256 (lowercase hex): the same
-- photo attached twice is stored once. The bytes are those served, after the portal removed
-- location and camera metadata (JPEG APP1/APP13 segments, PNG eXIf and text chunks); the media
-- type is the one read from the bytes themselves, never the name or the browser's claim. `content`
-- is the last column so that reading the other columns never touches the file's overflow pages,
-- and the file is served a chunk at a time with SQLite's incremental blob I/O (by rowid). A stored
-- file is never changed or deleted (triggers): a link may cite it at any time.
--
-- evidence: the links. Each cites one file and exactly one progress entry or measured value, says
-- whether the file is public (served to anyone by its hash) or internal (served only to the
-- commune's staff, in the admin area), and keeps the file name as uploaded (for staff; public
-- downloads are named after the program and the link). recorded_at/by/by_name as in 0015. Links
-- are append-only like the entries they document; only `visibility` may change (a public file
-- withdrawn to internal), and every change is audited by the application.

CREATE TABLE evidence_files (
    id         INTEGER PRIMARY KEY,
    sha256     TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size       INTEGER NOT NULL CHECK (size > 0),
    stored_at  TEXT NOT NULL CHECK (stored_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    content    BLOB NOT NULL CHECK (length(content) = size)
) STRICT;

CREATE TRIGGER evidence_files_no_update BEFORE UPDATE ON evidence_files
BEGIN SELECT RAISE(ABORT, 'a stored evidence file cannot be changed'); END;
CREATE TRIGGER evidence_files_no_delete BEFORE DELETE ON evidence_files
BEGIN SELECT RAISE(ABORT, 'a stored evidence file cannot be deleted'); END;

CREATE TABLE evidence (
    id               INTEGER PRIMARY KEY,
    file_id          INTEGER NOT NULL REFERENCES evidence_files(id),
    progress_id      INTEGER REFERENCES activity_progress(id),
    value_id         INTEGER REFERENCES indicator_values(id),
    visibility       TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
    file_name        TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    recorded_at      TEXT NOT NULL CHECK (recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    recorded_by      INTEGER,
    recorded_by_name TEXT NOT NULL,
    CHECK ((progress_id IS NULL) <> (value_id IS NULL))
) STRICT;
CREATE INDEX evidence_progress ON evidence (progress_id) WHERE progress_id IS NOT NULL;
CREATE INDEX evidence_value ON evidence (value_id) WHERE value_id IS NOT NULL;
CREATE INDEX evidence_file ON evidence (file_id, visibility);

CREATE TRIGGER evidence_only_visibility_changes BEFORE UPDATE OF file_id, progress_id, value_id, file_name, recorded_at, recorded_by,
    recorded_by_name ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence links cannot be changed, only made public or internal'); END;
CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence links cannot be deleted'); END;
