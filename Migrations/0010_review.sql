-- 0010_review.sql — the council's review of a program's frozen versions (issue 6).
--
-- review_comments: what a council or committee member wrote while reading one version, about one
-- of its projects or (project_number NULL) about the whole program. Only the commune's committee,
-- focal points and council members read them; they never appear on a public page.
-- * version_id: the frozen version read (program_versions, which never changes, so the comment
--   always points at exactly the text its author saw); project_number is the project's number
--   in that version's snapshot.
-- * author_id: a plain account id (no foreign key, like audit_log.user_id): removing an account
--   never touches what it wrote; author_name keeps the name it was written under.
-- * created_at, addressed_at: UTC 'YYYY-MM-DDTHH:MM:SSZ'.
-- * addressed_*: set together when the focal point or the committee marks the comment as
--   addressed, with a note saying how, in a LATER version of the same program
--   (addressed_in_version); cleared together when it is reopened.

CREATE TABLE review_comments (
    id                   INTEGER PRIMARY KEY,
    program_id           INTEGER NOT NULL REFERENCES programs(id),
    version_id           INTEGER NOT NULL REFERENCES program_versions(id),
    project_number       INTEGER CHECK (project_number IS NULL OR project_number > 0),
    author_id            INTEGER,
    author_name          TEXT NOT NULL CHECK (length(author_name) > 0),
    body                 TEXT NOT NULL CHECK (length(body) > 0),
    created_at           TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    addressed_at         TEXT CHECK (addressed_at IS NULL OR addressed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    addressed_by         INTEGER,
    addressed_by_name    TEXT,
    addressed_note       TEXT,
    addressed_in_version INTEGER REFERENCES program_versions(id),
    -- addressed exactly when it has its instant, note, person and version; open when it has none
    CHECK ((addressed_at IS NULL) = (addressed_in_version IS NULL)
           AND (addressed_at IS NULL) = (addressed_note IS NULL)
           AND (addressed_at IS NULL) = (addressed_by_name IS NULL)),
    CHECK (addressed_note IS NULL OR length(addressed_note) > 0)
) STRICT;
CREATE INDEX review_comments_program ON review_comments (program_id, version_id, project_number);

-- The version a comment is about belongs to the comment's program, and the version it was
-- addressed in is a later one of that program: the store refuses anything else, whatever code writes.
CREATE TRIGGER review_comments_version_insert BEFORE INSERT ON review_comments
WHEN NOT EXISTS (SELECT 1 FROM program_versions v WHERE v.id = NEW.version_id AND v.program_id = NEW.program_id)
BEGIN SELECT RAISE(ABORT, 'a review comment is about a version of its own program'); END;

CREATE TRIGGER review_comments_addressed_later BEFORE UPDATE OF addressed_in_version ON review_comments
WHEN NEW.addressed_in_version IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM program_versions later JOIN program_versions read ON read.id = NEW.version_id
    WHERE later.id = NEW.addressed_in_version AND later.program_id = NEW.program_id AND later.number > read.number)
BEGIN SELECT RAISE(ABORT, 'a comment is addressed in a later version of its program'); END;

-- What was read and written stays: only the addressed_* columns may change.
CREATE TRIGGER review_comments_fixed BEFORE UPDATE OF program_id, version_id, project_number, author_id, author_name, body, created_at
ON review_comments
BEGIN SELECT RAISE(ABORT, 'a review comment''s text and place cannot be changed'); END;
