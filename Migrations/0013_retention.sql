-- 0013_retention.sql — personal data kept no longer than needed (law 09-08, issue 12).
--
-- * A proposal's remote_address serves only the per-address submission limit, which counts in
--   memory over a 10-minute window; the server's retention job empties it once that window has
--   passed, every minute. This index holds only the proposals that still have one (a handful),
--   so that look costs nothing however many proposals the store holds.
-- * The other personal columns (see 0002) are emptied by the citizen with the tracking code, or
--   by the job once the program's period ended long enough ago; both write an audit entry
--   (action 'delete', field 'personal_data', the columns erased, never their values).
-- * Only CREATE INDEX here: no table is reshaped.

CREATE INDEX proposals_remote_address ON proposals(created_at) WHERE remote_address IS NOT NULL;
