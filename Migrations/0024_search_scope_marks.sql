-- 0024_search_scope_marks.sql — scope tokens no word can be, so a search needs no column filter
-- (issue 16).
--
-- A search asked for "terms : (…)" beside "scope : …": with a column filter FTS5 reads the
-- position list of every candidate row to see which column the word is in. Without it a query
-- is a walk of row ids alone: on the national data set (1,000,000 proposals) the seven kinds'
-- queries of 200 searches took 5.1 s with the filters and 1.5 s without. The filters were there
-- only because "kproposal" or "c12" could also be a word of a text. The scope tokens now begin
-- with U+E000, a private-use character: FTS5's tokenizer keeps it inside a token, and search
-- never puts it into a word (SearchText.isWordScalar refuses it), so a scope token and a word
-- can never be the same token, in either column, typed or indexed.

CREATE VIRTUAL TABLE search_fts_marked USING fts5(scope, terms, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');

INSERT INTO search_fts_marked (rowid, scope, terms)
SELECT f.rowid, char(57344) || 'k' || e.kind || ' ' || char(57344) || 'c' || coalesce(e.commune_id, 0), f.terms
FROM search_fts f JOIN search_entries e ON e.id = f.rowid;

DROP TABLE search_fts;
ALTER TABLE search_fts_marked RENAME TO search_fts;
