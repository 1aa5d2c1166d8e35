-- 0001_schema.sql — the domain of the open-commune programmes (see shared/domain.md).
--
-- HOW TO READ THIS SCHEMA
-- * Every table is STRICT. Every translatable text is a pair `xxx_ar TEXT NOT NULL` /
--   `xxx_fr TEXT`: the Arabic is the source; a NULL French means "not translated yet" and
--   the app shows the Arabic, visibly marked. (Optional texts have both columns NULL-able.)
-- * Lists shown as bullets in the documents (objectives, expected results, indicators,
--   agenda items, charter items) are child tables ordered by `position` (1, 2, 3...).
-- * Money is INTEGER centimes: 20 000,00 DH = 2000000. Never REAL.
-- * Dates are ISO TEXT. Day 'YYYY-MM-DD' or month 'YYYY-MM'. Milestones and events carry
--   `date_start`, `date_end` (only for a range) and `date_precision`:
--     'day'   date_start 'YYYY-MM-DD', date_end NULL
--     'month' date_start 'YYYY-MM',    date_end NULL          ("October 2023")
--     'range' date_start <= date_end, both of the SAME length: two days
--             ("12 to 19 June 2023") or two months ("April-May-June 2023" = '2023-04'..'2023-06')
--     NULL    undated (a planned step the documents do not date); both dates NULL.
--   Project/activity start/end are plain ISO TEXT (day or month), NULL when not given.
-- * Numbered things (`number`) are unique within their parent: axes and projects within a
--   program, activities within a project. `number` is what the documents print
--   ("المحور رقم 1", "المشروع 2", "النشاط 3").
-- * Counts that the documents give as counts (participants, proposals per axis...) are
--   stored as counts (events, event_proposal_counts); no individual proposals are invented.
-- * Foreign keys are declared everywhere; the app sets PRAGMA foreign_keys=ON.
--   Triggers below refuse links across programs (an axis of one program used by a project of
--   another, a count on an axis of another program...).
--
-- TABLES
--   network                  the one network (row id=1): names, founding date, member counts, OGP award
--   network_facts            dated facts about the network and its support programme (agreement, award...)
--   network_principles       the 4 principles of open development (transparency & accountability...)
--   network_goals            the 3 intended results (trust, citizen as partner, better services)
--   charter_preamble         the charter's "whereas" items (seed 002)
--   charter_sections         the charter's prose sections (purpose, the open commune, aim of openness)
--   charter_values           values of the network (seed 002)
--   charter_commitments      members' commitments (seed 002)
--   communes                 member communes (+ the sandbox commune), ar/fr names, region, province, slug
--   programs                 a commune's two-year openness programme for a period, its status and adoption
--   program_references       letters/decisions a programme cites as its basis (Settat's preamble)
--   committees               the follow-up committee of a programme, created by a decision (number, date)
--   committee_members        its members: function, committee role, category
--   milestones               dated co-preparation steps of a programme, done or planned
--   axes                     numbered priority axes of a programme
--   projects                 numbered projects of a programme (axis optional: Larache's drafts have none)
--   project_objectives       list, per project
--   project_expected_results list, per project
--   project_indicators       list, per project, kind 'follow-up' or 'impact'
--   partners                 partner organisations, shared across communes (unique Arabic name)
--   project_partners         partners of a project with their contribution
--   activities               numbered activities of a project: cost (amount or text), funding, dates
--   activity_partners        partners named for an activity
--   events                   a meeting/workshop/platform window with participation figures
--   event_proposal_counts    proposals counted per axis or per project, per channel, optionally per status
--   event_agenda_items       agenda of an event (Beni Mellal's second meeting)
--
-- ROOM LEFT FOR LATER ISSUES: proposals, calls, users, audit log and program versions will be
-- new tables referring to programs/axes/projects by id; nothing here needs to change for them.

-- ---------------------------------------------------------------------------------------
-- The network
-- ---------------------------------------------------------------------------------------

CREATE TABLE network (
    id                         INTEGER PRIMARY KEY CHECK (id = 1),
    name_ar                    TEXT NOT NULL,
    name_fr                    TEXT,
    founded_on                 TEXT NOT NULL CHECK (founded_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    regions_count              INTEGER CHECK (regions_count >= 0),
    provincial_councils_count  INTEGER CHECK (provincial_councils_count >= 0),
    communes_count             INTEGER CHECK (communes_count >= 0),
    -- the support programme the network belongs to
    program_name_ar            TEXT,
    program_name_fr            TEXT,
    description_ar             TEXT,
    description_fr             TEXT,
    aim_ar                     TEXT,
    aim_fr                     TEXT,
    -- the OGP award (Tallinn, 2023-09-06)
    award_on                   TEXT CHECK (award_on IS NULL OR award_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    award_place_ar             TEXT,
    award_place_fr             TEXT,
    award_ar                   TEXT,
    award_fr                   TEXT
) STRICT;

CREATE TABLE network_facts (
    id             INTEGER PRIMARY KEY,
    position       INTEGER NOT NULL UNIQUE CHECK (position > 0),
    date_start     TEXT CHECK (date_start IS NULL OR date_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR date_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    date_precision TEXT CHECK (date_precision IN ('day', 'month')),
    text_ar        TEXT NOT NULL,
    text_fr        TEXT,
    CHECK ((date_start IS NULL AND date_precision IS NULL)
        OR (date_precision = 'day' AND length(date_start) = 10)
        OR (date_precision = 'month' AND length(date_start) = 7))
) STRICT;

CREATE TABLE network_principles (
    id             INTEGER PRIMARY KEY,
    position       INTEGER NOT NULL UNIQUE CHECK (position > 0),
    name_ar        TEXT NOT NULL,
    name_fr        TEXT,
    description_ar TEXT,
    description_fr TEXT
) STRICT;

CREATE TABLE network_goals (
    id        INTEGER PRIMARY KEY,
    position  INTEGER NOT NULL UNIQUE CHECK (position > 0),
    text_ar   TEXT NOT NULL,
    text_fr   TEXT,
    -- how the result is reached ("through communication, transparency... mechanisms")
    detail_ar TEXT,
    detail_fr TEXT
) STRICT;

CREATE TABLE charter_preamble (
    id       INTEGER PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE CHECK (position > 0),
    text_ar  TEXT NOT NULL,
    text_fr  TEXT
) STRICT;

CREATE TABLE charter_sections (
    id         INTEGER PRIMARY KEY,
    position   INTEGER NOT NULL UNIQUE CHECK (position > 0),
    heading_ar TEXT NOT NULL,
    heading_fr TEXT,
    body_ar    TEXT NOT NULL,
    body_fr    TEXT
) STRICT;

CREATE TABLE charter_values (
    id       INTEGER PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE CHECK (position > 0),
    text_ar  TEXT NOT NULL,
    text_fr  TEXT
) STRICT;

CREATE TABLE charter_commitments (
    id       INTEGER PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE CHECK (position > 0),
    text_ar  TEXT NOT NULL,
    text_fr  TEXT
) STRICT;

-- ---------------------------------------------------------------------------------------
-- Communes and their programmes
-- ---------------------------------------------------------------------------------------

CREATE TABLE communes (
    id           INTEGER PRIMARY KEY,
    slug         TEXT UNIQUE NOT NULL CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*' AND length(slug) BETWEEN 1 AND 60),
    name_ar      TEXT NOT NULL,
    name_fr      TEXT,
    region_ar    TEXT,
    region_fr    TEXT,
    province_ar  TEXT,
    province_fr  TEXT,
    joined_on    TEXT NULL CHECK (joined_on IS NULL OR joined_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR joined_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- the commune's page on the national platform (ct=commune-settat)
    platform_ref TEXT,
    platform_url TEXT,
    is_sandbox   INTEGER NOT NULL DEFAULT 0 CHECK (is_sandbox IN (0, 1))
) STRICT;

CREATE TABLE programs (
    id                    INTEGER PRIMARY KEY,
    commune_id            INTEGER NOT NULL REFERENCES communes(id) ON DELETE CASCADE,
    period                TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'
                                               AND CAST(substr(period, 6, 4) AS INTEGER) > CAST(substr(period, 1, 4) AS INTEGER)),
    title_ar              TEXT NOT NULL,
    title_fr              TEXT,
    status                TEXT NOT NULL CHECK (status IN ('co-preparation', 'draft', 'consultation', 'committee-review',
                                                          'presented', 'bureau-adopted', 'standing-committee', 'adopted',
                                                          'in-execution', 'closed')),
    adoption_session_ar   TEXT,
    adoption_session_fr   TEXT,
    -- day or month ('2023-10': "adopted during the October 2023 session")
    adopted_on            TEXT CHECK (adopted_on IS NULL OR adopted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR adopted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    decision_ref          TEXT,
    total_budget_centimes INTEGER NULL CHECK (total_budget_centimes >= 0),
    notes_ar              TEXT,
    notes_fr              TEXT,
    UNIQUE (commune_id, period)
) STRICT;
CREATE INDEX programs_commune ON programs(commune_id);

CREATE TABLE program_references (
    id         INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position > 0),
    text_ar    TEXT NOT NULL,
    text_fr    TEXT,
    ref_number TEXT,
    ref_date   TEXT CHECK (ref_date IS NULL OR ref_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    UNIQUE (program_id, position)
) STRICT;

-- ---------------------------------------------------------------------------------------
-- Committee: the documents tie it to the programme ("لجنة تتبع إعداد وتنفيذ وتقييم برنامج
-- انفتاح الجماعة"), so it is program-level, one per programme.
-- ---------------------------------------------------------------------------------------

CREATE TABLE committees (
    id              INTEGER PRIMARY KEY,
    program_id      INTEGER NOT NULL UNIQUE REFERENCES programs(id) ON DELETE CASCADE,
    name_ar         TEXT NOT NULL,
    name_fr         TEXT,
    -- as printed on the decision ("93"); TEXT because some references carry a slash or year
    decision_number TEXT,
    decision_date   TEXT CHECK (decision_date IS NULL OR decision_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    decided_by_ar   TEXT,
    decided_by_fr   TEXT,
    mandate_ar      TEXT,
    mandate_fr      TEXT
) STRICT;

CREATE TABLE committee_members (
    id           INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position > 0),
    honorific_ar TEXT,               -- السيد / السيدة when the document prints it
    honorific_fr TEXT,
    name_ar      TEXT NOT NULL,
    name_fr      TEXT,               -- NULL: names are not transliterated without a source
    function_ar  TEXT,               -- NULL when the document gives none
    function_fr  TEXT,
    role         TEXT NOT NULL CHECK (role IN ('president', 'member', 'coordinator')),
    category     TEXT NOT NULL CHECK (category IN ('elected', 'equality-body', 'staff')),
    UNIQUE (committee_id, position)
) STRICT;

-- ---------------------------------------------------------------------------------------
-- Milestones (the co-preparation timeline)
-- ---------------------------------------------------------------------------------------

CREATE TABLE milestones (
    id             INTEGER PRIMARY KEY,
    program_id     INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL CHECK (position > 0),
    kind           TEXT NOT NULL CHECK (kind IN ('communication-meeting', 'committee-created', 'co-preparation-workshop',
                                                 'digital-call', 'committee-meeting', 'draft', 'consultation-workshop',
                                                 'digital-consultation', 'bureau-adoption', 'standing-committee',
                                                 'council-adoption', 'other')),
    title_ar       TEXT NOT NULL,
    title_fr       TEXT,
    place_ar       TEXT,
    place_fr       TEXT,
    date_start     TEXT CHECK (date_start IS NULL OR date_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR date_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    date_end       TEXT CHECK (date_end IS NULL OR date_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR date_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    date_precision TEXT CHECK (date_precision IN ('day', 'range', 'month')),
    done           INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    UNIQUE (program_id, position),
    CHECK ((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL)
        OR (date_precision = 'day' AND length(date_start) = 10 AND date_end IS NULL)
        OR (date_precision = 'month' AND length(date_start) = 7 AND date_end IS NULL)
        OR (date_precision = 'range' AND date_end IS NOT NULL AND length(date_end) = length(date_start) AND date_end > date_start))
) STRICT;
CREATE INDEX milestones_program ON milestones(program_id);

-- ---------------------------------------------------------------------------------------
-- Axes, projects, activities, partners
-- ---------------------------------------------------------------------------------------

CREATE TABLE axes (
    id         INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    number     INTEGER NOT NULL CHECK (number > 0),
    title_ar   TEXT NOT NULL,
    title_fr   TEXT,
    UNIQUE (program_id, number)
) STRICT;

CREATE TABLE projects (
    id              INTEGER PRIMARY KEY,
    program_id      INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    -- NULL when the documents do not say which axis a project serves (Larache's drafts)
    axis_id         INTEGER NULL REFERENCES axes(id) ON DELETE SET NULL,
    number          INTEGER NOT NULL CHECK (number > 0),
    title_ar        TEXT NOT NULL,
    title_fr        TEXT,
    slogan_ar       TEXT,
    slogan_fr       TEXT,
    duration_ar     TEXT,            -- as written: "سنة", "سنتين"
    duration_fr     TEXT,
    date_start      TEXT CHECK (date_start IS NULL OR date_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR date_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    date_end        TEXT CHECK (date_end IS NULL OR date_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR date_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    budget_centimes INTEGER NULL CHECK (budget_centimes >= 0),
    UNIQUE (program_id, number),
    CHECK (date_start IS NULL OR date_end IS NULL OR date_end >= date_start)
) STRICT;
CREATE INDEX projects_program ON projects(program_id);
CREATE INDEX projects_axis ON projects(axis_id);

CREATE TABLE project_objectives (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position > 0),
    text_ar    TEXT NOT NULL,
    text_fr    TEXT,
    UNIQUE (project_id, position)
) STRICT;

CREATE TABLE project_expected_results (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position > 0),
    text_ar    TEXT NOT NULL,
    text_fr    TEXT,
    UNIQUE (project_id, position)
) STRICT;

CREATE TABLE project_indicators (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('follow-up', 'impact')),
    position   INTEGER NOT NULL CHECK (position > 0),
    text_ar    TEXT NOT NULL,
    text_fr    TEXT,
    UNIQUE (project_id, kind, position)
) STRICT;

CREATE TABLE partners (
    id             INTEGER PRIMARY KEY,
    name_ar        TEXT NOT NULL UNIQUE,
    name_fr        TEXT,
    short_name     TEXT,             -- 'DGCT', 'ENABEL'
    description_ar TEXT,
    description_fr TEXT
) STRICT;

CREATE TABLE project_partners (
    project_id      INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    partner_id      INTEGER NOT NULL REFERENCES partners(id) ON DELETE RESTRICT,
    position        INTEGER NOT NULL CHECK (position > 0),
    contribution_ar TEXT,
    contribution_fr TEXT,
    -- 1: named in the project's "partners" cell; 0: appears only under "partners' contribution"
    -- (Settat's cards list "الجماعة: التتبع والمواكبة" as a contribution, not as a partner)
    listed          INTEGER NOT NULL DEFAULT 1 CHECK (listed IN (0, 1)),
    PRIMARY KEY (project_id, partner_id),
    UNIQUE (project_id, position)
) STRICT;
CREATE INDEX project_partners_partner ON project_partners(partner_id);

CREATE TABLE activities (
    id                 INTEGER PRIMARY KEY,
    project_id         INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    number             INTEGER NOT NULL CHECK (number > 0),
    title_ar           TEXT NOT NULL,
    title_fr           TEXT,
    -- cost is an amount OR a text ("-", "to be set by the body that carries it out"), or unknown
    cost_centimes      INTEGER NULL CHECK (cost_centimes >= 0),
    cost_text_ar       TEXT NULL,
    cost_text_fr       TEXT NULL,
    funding_ar         TEXT NULL,    -- "ذاتي" (self-funded), "مؤسسة ENABEL"
    funding_fr         TEXT NULL,
    funding_partner_id INTEGER NULL REFERENCES partners(id) ON DELETE SET NULL,
    date_start         TEXT CHECK (date_start IS NULL OR date_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR date_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    date_end           TEXT CHECK (date_end IS NULL OR date_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR date_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    UNIQUE (project_id, number),
    CHECK (cost_centimes IS NULL OR cost_text_ar IS NULL),
    CHECK (cost_text_fr IS NULL OR cost_text_ar IS NOT NULL),
    CHECK (date_start IS NULL OR date_end IS NULL OR date_end >= date_start)
) STRICT;
CREATE INDEX activities_project ON activities(project_id);
CREATE INDEX activities_funding_partner ON activities(funding_partner_id);

CREATE TABLE activity_partners (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    partner_id  INTEGER NOT NULL REFERENCES partners(id) ON DELETE RESTRICT,
    position    INTEGER NOT NULL CHECK (position > 0),
    PRIMARY KEY (activity_id, partner_id),
    UNIQUE (activity_id, position)
) STRICT;
CREATE INDEX activity_partners_partner ON activity_partners(partner_id);

-- ---------------------------------------------------------------------------------------
-- Events and their figures
-- ---------------------------------------------------------------------------------------

CREATE TABLE events (
    id                    INTEGER PRIMARY KEY,
    program_id            INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    milestone_id          INTEGER NULL REFERENCES milestones(id) ON DELETE SET NULL,
    kind                  TEXT NOT NULL CHECK (kind IN ('communication-meeting', 'committee-created', 'co-preparation-workshop',
                                                        'digital-call', 'committee-meeting', 'draft', 'consultation-workshop',
                                                        'digital-consultation', 'bureau-adoption', 'standing-committee',
                                                        'council-adoption', 'other')),
    channel               TEXT NOT NULL CHECK (channel IN ('workshop', 'platform', 'meeting')),
    title_ar              TEXT NOT NULL,
    title_fr              TEXT,
    date_start            TEXT CHECK (date_start IS NULL OR date_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR date_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    date_end              TEXT CHECK (date_end IS NULL OR date_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR date_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    date_precision        TEXT CHECK (date_precision IN ('day', 'range', 'month')),
    time_start            TEXT CHECK (time_start IS NULL OR time_start GLOB '[0-2][0-9]:[0-5][0-9]'),
    place_ar              TEXT,
    place_fr              TEXT,
    description_ar        TEXT,
    description_fr        TEXT,
    -- NULL = the documents do not say
    participants          INTEGER NULL CHECK (participants >= 0),
    women                 INTEGER NULL CHECK (women >= 0),
    associations          INTEGER NULL CHECK (associations >= 0),
    equality_body_members INTEGER NULL CHECK (equality_body_members >= 0),
    -- the total the document prints (kept to check the breakdown against it)
    proposals_total       INTEGER NULL CHECK (proposals_total >= 0),
    CHECK (women IS NULL OR participants IS NULL OR women <= participants),
    CHECK (equality_body_members IS NULL OR participants IS NULL OR equality_body_members <= participants),
    CHECK ((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL)
        OR (date_precision = 'day' AND length(date_start) = 10 AND date_end IS NULL)
        OR (date_precision = 'month' AND length(date_start) = 7 AND date_end IS NULL)
        OR (date_precision = 'range' AND date_end IS NOT NULL AND length(date_end) = length(date_start) AND date_end > date_start))
) STRICT;
CREATE INDEX events_program ON events(program_id);
CREATE INDEX events_milestone ON events(milestone_id);

CREATE TABLE event_proposal_counts (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    axis_id    INTEGER NULL REFERENCES axes(id) ON DELETE CASCADE,
    project_id INTEGER NULL REFERENCES projects(id) ON DELETE CASCADE,
    channel    TEXT NOT NULL CHECK (channel IN ('workshop', 'platform')),
    -- NULL: the document does not break the count down by status
    status     TEXT NULL CHECK (status IN ('processing', 'accepted', 'integrated', 'rejected')),
    count      INTEGER NOT NULL CHECK (count >= 0),
    CHECK (axis_id IS NULL OR project_id IS NULL)
) STRICT;
CREATE INDEX event_proposal_counts_event ON event_proposal_counts(event_id);
CREATE INDEX event_proposal_counts_axis ON event_proposal_counts(axis_id);
CREATE INDEX event_proposal_counts_project ON event_proposal_counts(project_id);
-- one row per (event, axis/project, channel, status); NULLs made comparable with ifnull
CREATE UNIQUE INDEX event_proposal_counts_unique
    ON event_proposal_counts(event_id, ifnull(axis_id, 0), ifnull(project_id, 0), channel, ifnull(status, ''));

CREATE TABLE event_agenda_items (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position > 0),
    time_start TEXT CHECK (time_start IS NULL OR time_start GLOB '[0-2][0-9]:[0-5][0-9]'),
    time_end   TEXT CHECK (time_end IS NULL OR time_end GLOB '[0-2][0-9]:[0-5][0-9]'),
    text_ar    TEXT NOT NULL,
    text_fr    TEXT,
    UNIQUE (event_id, position)
) STRICT;

-- ---------------------------------------------------------------------------------------
-- Cross-program consistency (foreign keys cannot say "of the same programme")
-- ---------------------------------------------------------------------------------------

CREATE TRIGGER projects_axis_same_program_insert BEFORE INSERT ON projects
WHEN NEW.axis_id IS NOT NULL AND (SELECT program_id FROM axes WHERE id = NEW.axis_id) IS NOT NEW.program_id
BEGIN SELECT RAISE(ABORT, 'project axis belongs to another program'); END;

CREATE TRIGGER projects_axis_same_program_update BEFORE UPDATE OF axis_id, program_id ON projects
WHEN NEW.axis_id IS NOT NULL AND (SELECT program_id FROM axes WHERE id = NEW.axis_id) IS NOT NEW.program_id
BEGIN SELECT RAISE(ABORT, 'project axis belongs to another program'); END;

CREATE TRIGGER events_milestone_same_program_insert BEFORE INSERT ON events
WHEN NEW.milestone_id IS NOT NULL AND (SELECT program_id FROM milestones WHERE id = NEW.milestone_id) IS NOT NEW.program_id
BEGIN SELECT RAISE(ABORT, 'event milestone belongs to another program'); END;

CREATE TRIGGER events_milestone_same_program_update BEFORE UPDATE OF milestone_id, program_id ON events
WHEN NEW.milestone_id IS NOT NULL AND (SELECT program_id FROM milestones WHERE id = NEW.milestone_id) IS NOT NEW.program_id
BEGIN SELECT RAISE(ABORT, 'event milestone belongs to another program'); END;

CREATE TRIGGER event_counts_same_program_insert BEFORE INSERT ON event_proposal_counts
WHEN (NEW.axis_id IS NOT NULL AND (SELECT program_id FROM axes WHERE id = NEW.axis_id)
                                  IS NOT (SELECT program_id FROM events WHERE id = NEW.event_id))
  OR (NEW.project_id IS NOT NULL AND (SELECT program_id FROM projects WHERE id = NEW.project_id)
                                  IS NOT (SELECT program_id FROM events WHERE id = NEW.event_id))
BEGIN SELECT RAISE(ABORT, 'proposal count refers to an axis or project of another program'); END;

CREATE TRIGGER event_counts_same_program_update BEFORE UPDATE ON event_proposal_counts
WHEN (NEW.axis_id IS NOT NULL AND (SELECT program_id FROM axes WHERE id = NEW.axis_id)
                                  IS NOT (SELECT program_id FROM events WHERE id = NEW.event_id))
  OR (NEW.project_id IS NOT NULL AND (SELECT program_id FROM projects WHERE id = NEW.project_id)
                                  IS NOT (SELECT program_id FROM events WHERE id = NEW.event_id))
BEGIN SELECT RAISE(ABORT, 'proposal count refers to an axis or project of another program'); END;
