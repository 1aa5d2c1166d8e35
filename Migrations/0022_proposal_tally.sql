-- 0022_proposal_tally.sql — the network dashboard's proposal figures at any size (issue 16).
--
-- The dashboard counted the public proposals of every commune by status and channel with one
-- aggregate over the proposals table: 1.7–2 s at 1,000,000 proposals. proposal_tally keeps that
-- count per program, status and channel, current in the same transaction as every change to a
-- proposal (the triggers below), so the dashboard sums at most a few rows per program. A proposal
-- counts while it is public: not hidden and not merged into another.

CREATE TABLE proposal_tally (
    program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    channel    TEXT NOT NULL,
    n          INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (program_id, status, channel)
) WITHOUT ROWID;

INSERT INTO proposal_tally (program_id, status, channel, n)
SELECT program_id, status, channel, count(*) FROM proposals
WHERE hidden = 0 AND merged_into_id IS NULL GROUP BY 1, 2, 3;

CREATE TRIGGER proposal_tally_insert AFTER INSERT ON proposals
WHEN NEW.hidden = 0 AND NEW.merged_into_id IS NULL
BEGIN
    INSERT INTO proposal_tally (program_id, status, channel, n) VALUES (NEW.program_id, NEW.status, NEW.channel, 1)
    ON CONFLICT (program_id, status, channel) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER proposal_tally_delete AFTER DELETE ON proposals
WHEN OLD.hidden = 0 AND OLD.merged_into_id IS NULL
BEGIN
    UPDATE proposal_tally SET n = n - 1 WHERE program_id = OLD.program_id AND status = OLD.status AND channel = OLD.channel;
END;

CREATE TRIGGER proposal_tally_update AFTER UPDATE OF program_id, status, channel, hidden, merged_into_id ON proposals
BEGIN
    UPDATE proposal_tally SET n = n - 1
    WHERE OLD.hidden = 0 AND OLD.merged_into_id IS NULL
      AND program_id = OLD.program_id AND status = OLD.status AND channel = OLD.channel;
    INSERT INTO proposal_tally (program_id, status, channel, n)
    SELECT NEW.program_id, NEW.status, NEW.channel, 1 WHERE NEW.hidden = 0 AND NEW.merged_into_id IS NULL
    ON CONFLICT (program_id, status, channel) DO UPDATE SET n = n + 1;
END;
