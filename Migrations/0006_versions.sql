-- 0006_versions.sql — frozen versions of a program (issue 6: council review).
--
-- A version is an immutable, complete snapshot of a program (overview, axes, project cards,
-- activities, committee, milestones) taken at a state transition, at an amendment, or when a
-- draft is published. It is what the council adopted or what citizens commented on, so it
-- must never change afterwards: the triggers below refuse any UPDATE or DELETE, and a
-- program that has versions cannot be deleted either (the foreign key has no ON DELETE action).
--
-- * number: 1, 2, 3... within the program, in freezing order.
-- * state: the program's status when frozen (same codes as programs.status).
-- * is_public: shown on the public portal (from the consultation draft on); otherwise only in
--   the admin area.
-- * frozen_at: UTC 'YYYY-MM-DDTHH:MM:SSZ', like every date-time since 0002.
-- * frozen_by: the account that froze it; a plain id (NULL for the system), deliberately
--   without a foreign key so that removing an account never touches a frozen version.
-- * snapshot: the stable JSON of the snapshot (sorted keys; see ProgramSnapshot.encoded),
--   snapshot_sha256 its lowercase hex SHA-256, checked whenever a version is read.

CREATE TABLE program_versions (
    id              INTEGER PRIMARY KEY,
    program_id      INTEGER NOT NULL REFERENCES programs(id),
    number          INTEGER NOT NULL CHECK (number > 0),
    label_ar        TEXT NOT NULL CHECK (length(label_ar) > 0),
    label_fr        TEXT,
    reason          TEXT NOT NULL CHECK (reason IN ('transition', 'amendment', 'publish')),
    state           TEXT NOT NULL CHECK (state IN ('co-preparation', 'draft', 'consultation', 'committee-review',
                                                   'presented', 'bureau-adopted', 'standing-committee', 'adopted',
                                                   'in-execution', 'closed')),
    is_public       INTEGER NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1)),
    frozen_at       TEXT NOT NULL CHECK (frozen_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    frozen_by       INTEGER,
    snapshot        TEXT NOT NULL CHECK (json_valid(snapshot)),
    snapshot_sha256 TEXT NOT NULL CHECK (length(snapshot_sha256) = 64 AND snapshot_sha256 NOT GLOB '*[^0-9a-f]*'),
    UNIQUE (program_id, number)
) STRICT;

CREATE TRIGGER program_versions_immutable_update BEFORE UPDATE ON program_versions
BEGIN SELECT RAISE(ABORT, 'a frozen program version cannot be changed'); END;

CREATE TRIGGER program_versions_immutable_delete BEFORE DELETE ON program_versions
BEGIN SELECT RAISE(ABORT, 'a frozen program version cannot be deleted'); END;
