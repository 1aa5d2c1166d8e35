-- 0014_mail.sql — a citizen told by mail when the commune answers, opt-in (issue 12).
--
-- * proposals.email is personal data like the other columns of 0002: never shown publicly,
--   never exported, erased by the citizen or by retention with the rest (PersonalDataStore
--   lists it once). It is the ONLY copy of the address: the outbox below holds no address; the
--   sender reads it when it hands a message over, so an erased address can no longer be written to.
-- * proposals.language is the language the proposal was sent in (every platform proposal
--   stores it); messages about it are written in that language. Not personal data.
-- * mail_subscriptions: where the notices of a proposal that gave an address stand. No row yet:
--   waiting for the person to confirm from the link of the first message (double opt-in: nothing
--   else is sent before; a submission writes no row here, only its confirmation in the outbox);
--   'confirmed' then, 'unsubscribed' for good once they ask.
-- * mail_tokens: the links of the messages (confirm, unsubscribe), random 256-bit tokens of
--   which only the SHA-256 is stored, as for sessions; each good for one purpose only.
-- * mail_outbox: messages queued in the transaction of what they tell (a submission, a triage
--   decision, a merge). Subject and body are written then, in the proposal's language (but a
--   confirmation's, which depend only on the proposal's title and commune, are written when it is
--   handed over, so a submission adds two short rows), without the links (their tokens are made when the message is handed over, so no usable token is
--   ever stored). States: queued -> sending (claimed by the sender) -> sent; a failed hand-off
--   goes to 'failed' with the next attempt after an exponential back-off, and to 'dead' after
--   the last attempt (an administrator may retry it); 'cancelled' when there is no longer
--   anyone to write to (address erased, unsubscribed, spam). message_id is made once, so a
--   retry carries the same Message-ID.
-- * When an address is erased (set to NULL, by whichever path), the trigger below removes its
--   subscription and tokens and cancels what was still waiting, in the same statement.

ALTER TABLE proposals ADD COLUMN email TEXT;
ALTER TABLE proposals ADD COLUMN language TEXT CHECK (language IN ('ar', 'fr'));
-- No index on email: addresses are random keys, and their index scattered each group commit's
-- writes over as many pages as it had submissions (the per-address limit of confirmations
-- counts in memory instead, see Site.confirmationLimit).

CREATE TABLE mail_subscriptions (
    proposal_id      INTEGER PRIMARY KEY REFERENCES proposals(id) ON DELETE CASCADE,
    state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'confirmed', 'unsubscribed')),
    created_at       TEXT NOT NULL,
    confirmed_at     TEXT,
    unsubscribed_at  TEXT
) STRICT;

CREATE TABLE mail_tokens (
    token_hash   TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
    proposal_id  INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    purpose      TEXT NOT NULL CHECK (purpose IN ('confirm', 'unsubscribe')),
    created_at   TEXT NOT NULL,
    expires_at   TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX mail_tokens_proposal ON mail_tokens(proposal_id);

CREATE TABLE mail_outbox (
    id               INTEGER PRIMARY KEY,
    proposal_id      INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN ('confirm', 'update', 'merged')),
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
-- The sender's only way in: the next due message is the first entry of this small index, however
-- many messages were ever sent. No index on state: the planner chose it for the sender's query
-- and sorted every waiting message at each claim (Tests/Benchmarks/run --submissions-mail); the
-- administrators' page reads the whole table, which sent messages leave after 90 days.
-- message_id is 128 random bits: no UNIQUE index scattering writes over a b-tree.
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
