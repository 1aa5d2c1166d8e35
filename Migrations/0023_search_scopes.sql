-- 0023_search_scopes.sql — search that costs the same at 5 communes and at 1,000,000 proposals
-- (issue 16).
--
-- Measured on the national data set, a common word took over a second: every match was joined
-- to search_entries to be counted by kind and ranked. Now:
-- * search_fts gains a `scope` column holding the kind and the commune of each row as two
--   tokens ("kproposal c12"), so a search asks the index itself for one kind in one commune and
--   can stop after the first thousand matches (SearchStore counts up to there, pages within it);
-- * prefix indexes for words' first one, two and three letters answer a short typed word from
--   one stored list instead of merging every word that begins with it;
-- * search_words lists every word the index holds, so a longer typed word becomes the few whole
--   words that begin with it (read from an ordinary index), which FTS5 reads lazily too.

CREATE VIRTUAL TABLE search_fts_scoped USING fts5(scope, terms, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');

INSERT INTO search_fts_scoped (rowid, scope, terms)
SELECT f.rowid, 'k' || e.kind || ' c' || coalesce(e.commune_id, 0), f.terms
FROM search_fts f JOIN search_entries e ON e.id = f.rowid;

DROP TABLE search_fts;
ALTER TABLE search_fts_scoped RENAME TO search_fts;

CREATE TABLE search_words (
    word TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

CREATE VIRTUAL TABLE temp.search_vocabulary USING fts5vocab(main, search_fts, 'col');
INSERT INTO search_words (word) SELECT DISTINCT term FROM temp.search_vocabulary WHERE col = 'terms';
DROP TABLE temp.search_vocabulary;
