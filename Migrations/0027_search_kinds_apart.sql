-- 0027_search_kinds_apart.sql — every kind gets a search index of its own (issue 16).
--
-- After 0026 the six structural kinds shared search_fts, told apart by their scope words, and a
-- search walked it once per kind (`"<kind>" AND (words)`). A word begun by a few letters is a
-- prefix query, and FTS5 merges a prefix's whole list before it walks: in one index each of the
-- six walks merged every kind's list again. Apart, each walk merges its own kind's list only:
-- six walks of three of the benchmark's searches with a prefix, sqlite3 on the national database
-- with a reader's 1 MiB of pages, 7.4–11.7 ms in one index, 0.1–2.7 ms apart. Rows keep their ids
-- (search_entries.id) and their scope words; SearchStore.index(of:) gives a kind's statements,
-- and NetworkStore's member search reads the communes' index.

CREATE VIRTUAL TABLE search_communes_fts USING fts5(
    scope, terms,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* M* S* Co Cn'",
    prefix = '1 2 3',
    detail = none
);
CREATE VIRTUAL TABLE search_programs_fts USING fts5(
    scope, terms,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* M* S* Co Cn'",
    prefix = '1 2 3',
    detail = none
);
CREATE VIRTUAL TABLE search_axes_fts USING fts5(
    scope, terms,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* M* S* Co Cn'",
    prefix = '1 2 3',
    detail = none
);
CREATE VIRTUAL TABLE search_projects_fts USING fts5(
    scope, terms,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* M* S* Co Cn'",
    prefix = '1 2 3',
    detail = none
);
CREATE VIRTUAL TABLE search_activities_fts USING fts5(
    scope, terms,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* M* S* Co Cn'",
    prefix = '1 2 3',
    detail = none
);
CREATE VIRTUAL TABLE search_milestones_fts USING fts5(
    scope, terms,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* M* S* Co Cn'",
    prefix = '1 2 3',
    detail = none
);

INSERT INTO search_communes_fts (rowid, scope, terms)
SELECT f.rowid, f.scope, f.terms FROM search_fts f JOIN search_entries e ON e.id = f.rowid WHERE e.kind = 'commune';
INSERT INTO search_programs_fts (rowid, scope, terms)
SELECT f.rowid, f.scope, f.terms FROM search_fts f JOIN search_entries e ON e.id = f.rowid WHERE e.kind = 'program';
INSERT INTO search_axes_fts (rowid, scope, terms)
SELECT f.rowid, f.scope, f.terms FROM search_fts f JOIN search_entries e ON e.id = f.rowid WHERE e.kind = 'axis';
INSERT INTO search_projects_fts (rowid, scope, terms)
SELECT f.rowid, f.scope, f.terms FROM search_fts f JOIN search_entries e ON e.id = f.rowid WHERE e.kind = 'project';
INSERT INTO search_activities_fts (rowid, scope, terms)
SELECT f.rowid, f.scope, f.terms FROM search_fts f JOIN search_entries e ON e.id = f.rowid WHERE e.kind = 'activity';
INSERT INTO search_milestones_fts (rowid, scope, terms)
SELECT f.rowid, f.scope, f.terms FROM search_fts f JOIN search_entries e ON e.id = f.rowid WHERE e.kind = 'milestone';

DROP TABLE search_fts;
INSERT INTO search_communes_fts (search_communes_fts) VALUES ('optimize');
INSERT INTO search_programs_fts (search_programs_fts) VALUES ('optimize');
INSERT INTO search_axes_fts (search_axes_fts) VALUES ('optimize');
INSERT INTO search_projects_fts (search_projects_fts) VALUES ('optimize');
INSERT INTO search_activities_fts (search_activities_fts) VALUES ('optimize');
INSERT INTO search_milestones_fts (search_milestones_fts) VALUES ('optimize');
