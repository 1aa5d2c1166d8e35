-- The admin area: people who keep the programs, what they may do where, their sessions,
-- and the record of every change they make.
--
-- Roles (the names used by the CLI and the data):
--   admin        network administrator: everything, every commune (commune_id IS NULL)
--   focal-point  edits the programs of one commune
--   committee    triages the proposals of one commune and reads its drafts
--   council      reads one commune's drafts and reviews them
-- A person may hold several roles, in several communes: one row per (role, commune).

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (email LIKE '%_@_%' AND length(email) <= 254),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- yescrypt ("$y$..."), made by libcrypt; NULL until the person sets a password
    -- through the one-time link they were given.
    password_hash   TEXT CHECK (password_hash IS NULL OR password_hash GLOB '$y$*'),
    language        TEXT NOT NULL DEFAULT 'ar' CHECK (language IN ('ar', 'fr')),
    is_active       INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE user_roles (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'focal-point', 'committee', 'council')),
    commune_id      INTEGER REFERENCES communes(id) ON DELETE CASCADE,
    -- An administrator's role covers the whole network; every other role is held in a commune.
    CHECK ((role = 'admin') = (commune_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX user_roles_unique ON user_roles (user_id, role, ifnull(commune_id, 0));
CREATE INDEX user_roles_commune ON user_roles (commune_id);

-- Only a hash of each token is kept: a copy of the database opens no session.
CREATE TABLE sessions (
    token_hash      TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- The session's anti-forgery token, put in every admin form.
    csrf_token      TEXT NOT NULL CHECK (length(csrf_token) = 64),
    created_at      TEXT NOT NULL,
    last_seen_at    TEXT NOT NULL,
    remote_address  TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);

-- One-time links to set (or reset) a password; hashed like sessions.
CREATE TABLE password_links (
    token_hash      TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    used_at         TEXT
) STRICT, WITHOUT ROWID;

-- Failed and successful logins, by the email as typed (lowercased) and the address, so the
-- throttle holds across restarts and works the same for emails that have no account.
CREATE TABLE login_attempts (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL,
    remote_address  TEXT NOT NULL,
    at              TEXT NOT NULL,
    succeeded       INTEGER NOT NULL CHECK (succeeded IN (0, 1))
) STRICT;
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_address ON login_attempts (remote_address, at);

-- Every change made in the admin area: who, when, what (entity, field, before, after).
-- Append-only: nothing updates or deletes an entry. The ids are plain numbers, not foreign
-- keys, because the log must outlive what it talks about (a deleted axis, a removed account).
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    user_id         INTEGER,
    -- Kept as text too, so the entry still says who after the account is gone.
    user_name       TEXT NOT NULL,
    commune_id      INTEGER,
    program_id      INTEGER,
    action          TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'login', 'logout', 'transition', 'import', 'merge', 'hide')),
    entity          TEXT NOT NULL,
    entity_id       INTEGER,
    field           TEXT,
    before          TEXT,
    after           TEXT
) STRICT;
CREATE INDEX audit_log_commune ON audit_log (commune_id, at);
CREATE INDEX audit_log_program ON audit_log (program_id, at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
