-- 0025_search_rowids_only.sql — the search index keeps which rows hold a word, not where in
-- them (issue 16).
--
-- Search asks FTS5 for whole words and prefixes joined by AND, OR and NOT, never for a phrase,
-- a column or a position (0024 took the last column filter away; `SearchStore.Relevance` ranks
-- from the stored text). The index still kept every word's positions and columns
-- (detail=full): on the national data set (1,000,000 proposals) 559 MB of index, which a search
-- walks. With detail=none it holds row ids alone, 103 MB, and two common words never found
-- together (the slowest searches) took 8 ms instead of 15 (sqlite3, the same rows, three pairs).
--
-- With detail=none a quoted word that FTS5 splits into two tokens would be a phrase, which it
-- refuses. A word search makes (SearchText.foldedWord) holds letters, marks, digits and symbols
-- of other alphabets only, so the tokenizer keeps all of those inside a token (categories), and
-- unassigned code points too (a letter newer than SQLite's Unicode tables): every word search
-- makes is one token, indexed or typed. Only spaces and punctuation separate.
--
-- 'optimize' merges the rows copied here into one segment.

CREATE VIRTUAL TABLE search_fts_rowids USING fts5(
    scope, terms,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* M* S* Co Cn'",
    prefix = '1 2 3',
    detail = none
);

INSERT INTO search_fts_rowids (rowid, scope, terms) SELECT rowid, scope, terms FROM search_fts;

DROP TABLE search_fts;
ALTER TABLE search_fts_rowids RENAME TO search_fts;
INSERT INTO search_fts (search_fts) VALUES ('optimize');
