-- 0028_network_figures.sql — the network dashboard costs the same at 5 and 1,503 communes (issue 16).
--
-- The dashboard counted communes by the state of their newest program and by region, programs
-- adopted per year, the meetings' participation, the public proposals and the activities' latest
-- progress with aggregates over every member commune: 27 ms warm at national size against under
-- 2 ms at five. network_figures keeps each of those counts and sums, one row per figure and key,
-- current in the same transaction as every change to what it counts (the triggers below), so the
-- dashboard reads a few dozen rows at any size. Sandbox communes never count.
--
-- How the figures stay right: every figure is the sum, over member communes (is_sandbox = 0), of
-- what commune_figures gives for the commune and program_figures gives for each of its programs.
-- A change to what a commune's or a program's figures read is bracketed: a BEFORE trigger takes
-- the row's figures away, an AFTER trigger adds them back as they now are. Proposals are the one
-- busy path, so proposal_tally's own changes (0022) move their figure by the difference instead.
-- A program's figures are taken away before the program is deleted, while its commune and
-- children are still there (a commune's, with all its programs', before the commune is); the
-- children's triggers then find no program, or no member commune, and do nothing.
--
-- communes.program_state is the status of the commune's newest program ('' for none), kept by
-- the programs' triggers: the dashboard names a state's first communes through an index, and the
-- member directory filters by state, without finding every commune's newest program.

ALTER TABLE communes ADD COLUMN program_state TEXT NOT NULL DEFAULT '';
UPDATE communes SET program_state = coalesce(
    (SELECT p.status FROM programs p WHERE p.commune_id = communes.id ORDER BY p.period DESC LIMIT 1), '');
CREATE INDEX communes_by_state ON communes (is_sandbox, program_state, id);
CREATE INDEX communes_by_region ON communes (is_sandbox, region_ar, region_fr, id);
-- The home page's first communes (members by when they joined, the sandbox last): read in index
-- order, twelve rows and their programs' figures, instead of every commune's figures then sorted.
CREATE INDEX communes_in_order ON communes (is_sandbox, id);
-- The member directory's pages (members by region, those without one last, then by name): read
-- in index order up to the page asked for, instead of every commune sorted for each page.
CREATE INDEX communes_directory ON communes (is_sandbox, coalesce(region_ar, '-') = '-', coalesce(region_ar, '-'), name_ar, id);

CREATE TABLE network_figures (
    figure TEXT NOT NULL,
    key    TEXT NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (figure, key)
) WITHOUT ROWID;

-- What one commune adds: its state, and its region (a JSON pair, so a missing name stays null)
-- counted once, and again as documented when the region is not inferred (0018).
CREATE VIEW commune_figures (commune_id, figure, key, n) AS
    SELECT id, 'state', program_state, 1 FROM communes
    UNION ALL SELECT id, 'region', json_array(region_ar, region_fr), 1 FROM communes
    UNION ALL SELECT id, 'region-documented', json_array(region_ar, region_fr), 1 FROM communes WHERE region_inferred = 0;

-- What one program adds: its year of adoption, its public proposals by status and channel, its
-- meetings' participation (each sum with the number of meetings that gave it, so a sum nobody
-- reported stays unknown), and its activities by their latest progress.
CREATE VIEW program_figures (program_id, figure, key, n) AS
    SELECT id, 'adopted', substr(adopted_on, 1, 4), 1 FROM programs WHERE adopted_on IS NOT NULL
    UNION ALL SELECT program_id, 'proposals', status || ' ' || channel, n FROM proposal_tally
    UNION ALL SELECT program_id, 'participation', 'participants', participants FROM events WHERE participants IS NOT NULL
    UNION ALL SELECT program_id, 'participation', 'participants-reported', 1 FROM events WHERE participants IS NOT NULL
    UNION ALL SELECT program_id, 'participation', 'women', women FROM events WHERE women IS NOT NULL
    UNION ALL SELECT program_id, 'participation', 'women-reported', 1 FROM events WHERE women IS NOT NULL
    UNION ALL SELECT program_id, 'participation', 'associations', associations FROM events WHERE associations IS NOT NULL
    UNION ALL SELECT program_id, 'participation', 'associations-reported', 1 FROM events WHERE associations IS NOT NULL
    UNION ALL SELECT program_id, 'participation', 'counted', participants FROM events WHERE women IS NOT NULL AND participants IS NOT NULL
    UNION ALL SELECT program_id, 'participation', 'counted-reported', 1 FROM events WHERE women IS NOT NULL AND participants IS NOT NULL
    UNION ALL SELECT j.program_id, 'execution', g.status, 1 FROM projects j JOIN activities a ON a.project_id = j.id
        JOIN activity_progress g ON g.id = (SELECT max(l.id) FROM activity_progress l WHERE l.activity_id = a.id);

INSERT INTO network_figures (figure, key, n)
SELECT f.figure, f.key, sum(f.n) FROM commune_figures f JOIN communes c ON c.id = f.commune_id
WHERE c.is_sandbox = 0 GROUP BY 1, 2;
INSERT INTO network_figures (figure, key, n)
SELECT f.figure, f.key, sum(f.n) FROM program_figures f JOIN programs p ON p.id = f.program_id JOIN communes c ON c.id = p.commune_id
WHERE c.is_sandbox = 0 GROUP BY 1, 2;

-- A commune's own figures.
CREATE TRIGGER network_figures_commune_insert AFTER INSERT ON communes WHEN NEW.is_sandbox = 0
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, sum(n) FROM commune_figures WHERE commune_id = NEW.id GROUP BY 1, 2
    ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_commune_before_update
BEFORE UPDATE OF is_sandbox, program_state, region_ar, region_fr, region_inferred ON communes WHEN OLD.is_sandbox = 0
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, -sum(n) FROM commune_figures WHERE commune_id = OLD.id GROUP BY 1, 2
    ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_commune_after_update
AFTER UPDATE OF is_sandbox, program_state, region_ar, region_fr, region_inferred ON communes WHEN NEW.is_sandbox = 0
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, sum(n) FROM commune_figures WHERE commune_id = NEW.id GROUP BY 1, 2
    ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

-- A commune that becomes a sandbox takes its programs' figures away; one that stops being one
-- brings them.
CREATE TRIGGER network_figures_commune_sandbox AFTER UPDATE OF is_sandbox ON communes WHEN OLD.is_sandbox <> NEW.is_sandbox
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT f.figure, f.key, sum(f.n) * (CASE NEW.is_sandbox WHEN 0 THEN 1 ELSE -1 END)
    FROM programs p JOIN program_figures f ON f.program_id = p.id WHERE p.commune_id = NEW.id GROUP BY 1, 2
    ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_commune_delete BEFORE DELETE ON communes WHEN OLD.is_sandbox = 0
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, -sum(n) FROM commune_figures WHERE commune_id = OLD.id GROUP BY 1, 2
    ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
    INSERT INTO network_figures (figure, key, n)
    SELECT f.figure, f.key, -sum(f.n) FROM programs p JOIN program_figures f ON f.program_id = p.id WHERE p.commune_id = OLD.id GROUP BY 1, 2
    ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

-- The state of a commune's newest program.
CREATE TRIGGER communes_program_state_insert AFTER INSERT ON programs
BEGIN
    UPDATE communes SET program_state = coalesce(
        (SELECT p.status FROM programs p WHERE p.commune_id = communes.id ORDER BY p.period DESC LIMIT 1), '')
    WHERE id = NEW.commune_id;
END;

CREATE TRIGGER communes_program_state_delete AFTER DELETE ON programs
BEGIN
    UPDATE communes SET program_state = coalesce(
        (SELECT p.status FROM programs p WHERE p.commune_id = communes.id ORDER BY p.period DESC LIMIT 1), '')
    WHERE id = OLD.commune_id;
END;

CREATE TRIGGER communes_program_state_update AFTER UPDATE OF status, period, commune_id ON programs
BEGIN
    UPDATE communes SET program_state = coalesce(
        (SELECT p.status FROM programs p WHERE p.commune_id = communes.id ORDER BY p.period DESC LIMIT 1), '')
    WHERE id IN (OLD.commune_id, NEW.commune_id);
END;

-- A program's figures.
CREATE TRIGGER network_figures_program_insert AFTER INSERT ON programs
WHEN (SELECT is_sandbox FROM communes WHERE id = NEW.commune_id) = 0
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, sum(n) FROM program_figures WHERE program_id = NEW.id GROUP BY 1, 2
    ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_program_delete BEFORE DELETE ON programs
WHEN (SELECT is_sandbox FROM communes WHERE id = OLD.commune_id) = 0
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, -sum(n) FROM program_figures WHERE program_id = OLD.id GROUP BY 1, 2
    ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_program_before_update BEFORE UPDATE OF commune_id, adopted_on ON programs
WHEN (SELECT is_sandbox FROM communes WHERE id = OLD.commune_id) = 0
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, -sum(n) FROM program_figures WHERE program_id = OLD.id GROUP BY 1, 2
    ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_program_after_update AFTER UPDATE OF commune_id, adopted_on ON programs
WHEN (SELECT is_sandbox FROM communes WHERE id = NEW.commune_id) = 0
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, sum(n) FROM program_figures WHERE program_id = NEW.id GROUP BY 1, 2
    ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

-- A program's meetings, activities' progress, and activities or projects that move: the
-- program's figures are taken away before the change and added back after it.
CREATE VIEW member_programs (program_id) AS
    SELECT p.id FROM programs p JOIN communes c ON c.id = p.commune_id WHERE c.is_sandbox = 0;

CREATE TRIGGER network_figures_event_before_insert BEFORE INSERT ON events
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, -sum(n) FROM program_figures WHERE program_id IN (SELECT program_id FROM member_programs WHERE program_id = NEW.program_id)
    GROUP BY 1, 2 ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_event_after_insert AFTER INSERT ON events
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, sum(n) FROM program_figures WHERE program_id IN (SELECT program_id FROM member_programs WHERE program_id = NEW.program_id)
    GROUP BY 1, 2 ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_event_before_update BEFORE UPDATE OF program_id, participants, women, associations ON events
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, -sum(n) FROM program_figures
    WHERE program_id IN (SELECT program_id FROM member_programs WHERE program_id IN (OLD.program_id, NEW.program_id))
    GROUP BY 1, 2 ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_event_after_update AFTER UPDATE OF program_id, participants, women, associations ON events
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, sum(n) FROM program_figures
    WHERE program_id IN (SELECT program_id FROM member_programs WHERE program_id IN (OLD.program_id, NEW.program_id))
    GROUP BY 1, 2 ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_event_before_delete BEFORE DELETE ON events
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, -sum(n) FROM program_figures WHERE program_id IN (SELECT program_id FROM member_programs WHERE program_id = OLD.program_id)
    GROUP BY 1, 2 ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_event_after_delete AFTER DELETE ON events
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, sum(n) FROM program_figures WHERE program_id IN (SELECT program_id FROM member_programs WHERE program_id = OLD.program_id)
    GROUP BY 1, 2 ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_progress_before_insert BEFORE INSERT ON activity_progress
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, -sum(n) FROM program_figures WHERE program_id IN (SELECT program_id FROM member_programs WHERE program_id =
        (SELECT j.program_id FROM activities a JOIN projects j ON j.id = a.project_id WHERE a.id = NEW.activity_id))
    GROUP BY 1, 2 ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_progress_after_insert AFTER INSERT ON activity_progress
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, sum(n) FROM program_figures WHERE program_id IN (SELECT program_id FROM member_programs WHERE program_id =
        (SELECT j.program_id FROM activities a JOIN projects j ON j.id = a.project_id WHERE a.id = NEW.activity_id))
    GROUP BY 1, 2 ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_activity_before_move BEFORE UPDATE OF project_id ON activities
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, -sum(n) FROM program_figures WHERE program_id IN (SELECT program_id FROM member_programs WHERE program_id IN
        (SELECT program_id FROM projects WHERE id IN (OLD.project_id, NEW.project_id)))
    GROUP BY 1, 2 ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_activity_after_move AFTER UPDATE OF project_id ON activities
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, sum(n) FROM program_figures WHERE program_id IN (SELECT program_id FROM member_programs WHERE program_id IN
        (SELECT program_id FROM projects WHERE id IN (OLD.project_id, NEW.project_id)))
    GROUP BY 1, 2 ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_project_before_move BEFORE UPDATE OF program_id ON projects
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, -sum(n) FROM program_figures
    WHERE program_id IN (SELECT program_id FROM member_programs WHERE program_id IN (OLD.program_id, NEW.program_id))
    GROUP BY 1, 2 ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_project_after_move AFTER UPDATE OF program_id ON projects
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT figure, key, sum(n) FROM program_figures
    WHERE program_id IN (SELECT program_id FROM member_programs WHERE program_id IN (OLD.program_id, NEW.program_id))
    GROUP BY 1, 2 ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

-- Proposals, the busy path: proposal_tally's rows move their figure by what changed.
CREATE TRIGGER network_figures_tally_insert AFTER INSERT ON proposal_tally
WHEN (SELECT c.is_sandbox FROM programs p JOIN communes c ON c.id = p.commune_id WHERE p.id = NEW.program_id) = 0
BEGIN
    INSERT INTO network_figures (figure, key, n) VALUES ('proposals', NEW.status || ' ' || NEW.channel, NEW.n)
    ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

-- A proposal counted again in its row (0022's usual change): one move by the difference.
CREATE TRIGGER network_figures_tally_count AFTER UPDATE ON proposal_tally
WHEN NEW.program_id = OLD.program_id AND NEW.status = OLD.status AND NEW.channel = OLD.channel
 AND (SELECT c.is_sandbox FROM programs p JOIN communes c ON c.id = p.commune_id WHERE p.id = NEW.program_id) = 0
BEGIN
    INSERT INTO network_figures (figure, key, n) VALUES ('proposals', NEW.status || ' ' || NEW.channel, NEW.n - OLD.n)
    ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

-- A row that changes what it counts (0022 never does it; any other writer may).
CREATE TRIGGER network_figures_tally_update AFTER UPDATE ON proposal_tally
WHEN NOT (NEW.program_id = OLD.program_id AND NEW.status = OLD.status AND NEW.channel = OLD.channel)
BEGIN
    INSERT INTO network_figures (figure, key, n)
    SELECT 'proposals', OLD.status || ' ' || OLD.channel, -OLD.n
    WHERE (SELECT c.is_sandbox FROM programs p JOIN communes c ON c.id = p.commune_id WHERE p.id = OLD.program_id) = 0
    ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
    INSERT INTO network_figures (figure, key, n)
    SELECT 'proposals', NEW.status || ' ' || NEW.channel, NEW.n
    WHERE (SELECT c.is_sandbox FROM programs p JOIN communes c ON c.id = p.commune_id WHERE p.id = NEW.program_id) = 0
    ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER network_figures_tally_delete AFTER DELETE ON proposal_tally
WHEN (SELECT c.is_sandbox FROM programs p JOIN communes c ON c.id = p.commune_id WHERE p.id = OLD.program_id) = 0
BEGIN
    INSERT INTO network_figures (figure, key, n) VALUES ('proposals', OLD.status || ' ' || OLD.channel, -OLD.n)
    ON CONFLICT (figure, key) DO UPDATE SET n = n + excluded.n;
END;
