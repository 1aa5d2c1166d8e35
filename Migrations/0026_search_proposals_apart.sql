-- 0026_search_proposals_apart.sql — proposals get a search index of their own (issue 16).
--
-- Search walks the index once per kind, for a page of each kind's newest matches. Proposals are
-- nearly all the rows (1,000,000 of 1,075,000 at national size), and the other kinds a few
-- thousand each; in one index, a proposals' walk had to leave out every other kind's rows
-- (`NOT` their scope words), 6–8 ms for a common word, and each other kind's walk met the
-- proposals' rows of its words. Apart, the proposals' walk is the words alone (under 1 ms on the
-- same rows, sqlite3, three common words), and the other kinds' walks are over 75,000 rows.
-- A whole search's index walks went from 4–17 ms to 1–6 ms (eight searches of the benchmark's
-- words). Rows keep their ids (search_entries.id) and their scope words; SearchStore.index(of:)
-- names a kind's table. Both tables are made as 0025 made search_fts, then filled from it.

CREATE VIRTUAL TABLE search_proposals_fts USING fts5(
    scope, terms,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* M* S* Co Cn'",
    prefix = '1 2 3',
    detail = none
);

CREATE VIRTUAL TABLE search_others_fts USING fts5(
    scope, terms,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* M* S* Co Cn'",
    prefix = '1 2 3',
    detail = none
);

INSERT INTO search_proposals_fts (rowid, scope, terms)
SELECT f.rowid, f.scope, f.terms FROM search_fts f JOIN search_entries e ON e.id = f.rowid WHERE e.kind = 'proposal';

INSERT INTO search_others_fts (rowid, scope, terms)
SELECT f.rowid, f.scope, f.terms FROM search_fts f JOIN search_entries e ON e.id = f.rowid WHERE e.kind <> 'proposal';

DROP TABLE search_fts;
ALTER TABLE search_others_fts RENAME TO search_fts;
INSERT INTO search_fts (search_fts) VALUES ('optimize');
INSERT INTO search_proposals_fts (search_proposals_fts) VALUES ('optimize');
