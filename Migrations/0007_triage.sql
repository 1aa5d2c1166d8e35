-- 0007_triage.sql — what the committee's triage of proposals needs beyond 0002: duplicates
-- merged into one kept proposal, spam hidden with a reason, the reason a proposal was not
-- accepted, when it was last answered, and the workshop a paper proposal was collected at.
--
-- * A proposal is PUBLIC (lists, exports, figures, project pages) when hidden = 0 AND
--   merged_into_id IS NULL: a merged proposal counts once, through the kept one; its
--   tracking page still answers and says which proposal it was merged into.
-- * No chains: the kept proposal is never itself merged (the app re-points the proposals
--   merged into one that is merged in turn).
-- * hidden_reason is for administrators only; it never appears on a public page.
-- * rejection_reason is public (the citizen is told why); set only when status = 'rejected'.
-- * Only ADD COLUMN here, so this file does not depend on how other migrations shape the table.

ALTER TABLE proposals ADD COLUMN merged_into_id INTEGER REFERENCES proposals(id);
ALTER TABLE proposals ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1));
ALTER TABLE proposals ADD COLUMN hidden_reason TEXT;
ALTER TABLE proposals ADD COLUMN rejection_reason TEXT;
ALTER TABLE proposals ADD COLUMN answered_at TEXT;
ALTER TABLE proposals ADD COLUMN event_id INTEGER REFERENCES events(id) ON DELETE SET NULL;
CREATE INDEX proposals_merged_into ON proposals(merged_into_id) WHERE merged_into_id IS NOT NULL;
CREATE INDEX proposals_triage ON proposals(program_id, created_at);
