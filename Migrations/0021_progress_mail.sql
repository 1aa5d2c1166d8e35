-- 0021_progress_mail.sql — a citizen whose proposal was integrated into a project hears by mail
-- when that project's progress changes (issue 13), at most once a day per proposal.
--
-- mail_outbox gains the kind 'progress' (a message about the project a proposal fed, written when
-- it is queued like 'update'). SQLite cannot change a CHECK in place, so the table is rebuilt with
-- the same columns, rows, indexes and the erasure trigger of 0014 (dropped first: it names the
-- table, and a rename checks every trigger). "Once a day" is read from the outbox itself: a
-- proposal that already has a 'progress' message created since the start of the Moroccan day gets
-- no other (MailStore.queueProgress, through the index on proposal_id).

DROP TRIGGER proposals_email_erased;

CREATE TABLE mail_outbox_new (
    id               INTEGER PRIMARY KEY,
    proposal_id      INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN ('confirm', 'update', 'merged', 'progress')),
    language         TEXT NOT NULL CHECK (language IN ('ar', 'fr')),
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    message_id       TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'queued'
                     CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'dead', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    claimed_at       TEXT,
    sent_at          TEXT
) STRICT;
INSERT INTO mail_outbox_new (id, proposal_id, kind, language, subject, body, message_id, state, attempts, next_attempt_at,
                             last_error, created_at, claimed_at, sent_at)
SELECT id, proposal_id, kind, language, subject, body, message_id, state, attempts, next_attempt_at,
       last_error, created_at, claimed_at, sent_at FROM mail_outbox;
DROP TABLE mail_outbox;
ALTER TABLE mail_outbox_new RENAME TO mail_outbox;
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE state IN ('queued', 'failed');
CREATE INDEX mail_outbox_proposal ON mail_outbox(proposal_id);

CREATE TRIGGER proposals_email_erased AFTER UPDATE OF email ON proposals
WHEN OLD.email IS NOT NULL AND NEW.email IS NULL
BEGIN
    DELETE FROM mail_tokens WHERE proposal_id = NEW.id;
    DELETE FROM mail_subscriptions WHERE proposal_id = NEW.id;
    UPDATE mail_outbox SET state = 'cancelled', last_error = NULL
    WHERE proposal_id = NEW.id AND state IN ('queued', 'failed', 'dead');
END;
