-- 0002_participation.sql — citizen participation: calls for ideas or comments, the proposals
-- citizens send through the portal, and the server's own settings (the form-token secret).
--
-- * Date-times are UTC ISO-8601 TEXT 'YYYY-MM-DDTHH:MM:SSZ', so text order is time order and
--   the app converts to Africa/Casablanca time only when it shows them.
-- * A call is open while opens_at <= now < closes_at.
-- * A proposal's personal data (author_name when show_name = 0, gender, age_band,
--   association, neighbourhood, remote_address) is never shown on a public page.
-- * submission_key is the form's one-time nonce: the same form sent twice is one proposal.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE calls (
    id              INTEGER PRIMARY KEY,
    program_id      INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('ideas', 'draft-comments')),
    channel         TEXT NOT NULL DEFAULT 'platform' CHECK (channel IN ('platform', 'workshop', 'platform-and-workshop')),
    title_ar        TEXT NOT NULL,
    title_fr        TEXT,
    announcement_ar TEXT,
    announcement_fr TEXT,
    opens_at        TEXT NOT NULL CHECK (opens_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    closes_at       TEXT NOT NULL CHECK (closes_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    CHECK (closes_at > opens_at)
) STRICT;
CREATE INDEX calls_program ON calls(program_id, opens_at);

CREATE TABLE call_axes (
    call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    axis_id INTEGER NOT NULL REFERENCES axes(id) ON DELETE CASCADE,
    PRIMARY KEY (call_id, axis_id)
) STRICT;

CREATE TABLE proposals (
    id                    INTEGER PRIMARY KEY,
    program_id            INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    call_id               INTEGER NOT NULL REFERENCES calls(id),
    axis_id               INTEGER REFERENCES axes(id),
    project_id            INTEGER REFERENCES projects(id),
    kind                  TEXT NOT NULL CHECK (kind IN ('idea', 'observation')),
    title                 TEXT NOT NULL,
    description           TEXT NOT NULL,
    author_name           TEXT,
    show_name             INTEGER NOT NULL DEFAULT 0 CHECK (show_name IN (0, 1)),
    gender                TEXT CHECK (gender IN ('woman', 'man', 'other')),
    age_band              TEXT,
    association           TEXT,
    neighbourhood         TEXT,
    channel               TEXT NOT NULL CHECK (channel IN ('platform', 'workshop')),
    status                TEXT NOT NULL DEFAULT 'processing' CHECK (status IN ('processing', 'accepted', 'integrated', 'rejected')),
    public_answer         TEXT,
    integrated_project_id INTEGER REFERENCES projects(id),
    tracking_code         TEXT NOT NULL UNIQUE,
    submission_key        TEXT UNIQUE,
    remote_address        TEXT,
    created_at            TEXT NOT NULL
) STRICT;
CREATE INDEX proposals_program ON proposals(program_id, status, axis_id);
CREATE INDEX proposals_call ON proposals(call_id);
