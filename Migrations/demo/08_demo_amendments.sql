-- 08_demo_amendments.sql — what the sandbox commune changed in its draft during the public
-- consultation, so that a newcomer finds a real difference on the versions page.
-- NOT from the documents: examples that say so ("(مثال)" / "(exemple)").
--
-- Store.loadDemoData runs this file apart from the others: it first freezes the sandbox's
-- program as it stands after 01–07 (version 1, "the draft put to consultation"), then runs
-- this file, then freezes version 2 ("after the consultation"), which the live program equals.
-- Project and activity ids are kept, as the portal's editor keeps them, so the comparison
-- sees a moved activity as moved and a reworded title as changed, not as removed and added.

-- A project's title reworded: the budget participatif is adopted in the preparation of the
-- annual budgets, not only "in" them.
UPDATE projects
SET title_ar = 'اعتماد الميزانية التشاركية في إعداد الميزانيات السنوية للجماعة (مثال)',
    title_fr = 'Adopter le budget participatif dans la préparation des budgets annuels de la commune (exemple)'
WHERE id = 53;

-- One activity removed: the periodic meetings are folded into the awareness campaigns.
DELETE FROM activities WHERE id = 511;

-- One activity moved: the awareness campaigns on the digital services become part of the
-- communication project (where the meetings were).
UPDATE activities SET project_id = 51, number = 1 WHERE id = 521;

-- One activity added, with a cost: what participants asked for most in the example
-- consultation, a way to follow their requests online.
INSERT INTO activities (id, project_id, number, title_ar, title_fr, cost_centimes, cost_text_ar, cost_text_fr, funding_ar, funding_fr,
                        date_start, date_end)
VALUES (522, 52, 1, 'إطلاق خدمة رقمية لتتبع طلبات المواطنين وشكاياتهم (مثال)',
        'Lancer un service numérique de suivi des demandes et réclamations des citoyens (exemple)',
        6000000, NULL, NULL, 'ذاتي', 'Autofinancement', '2025-09', '2026-06');

-- Budgets set: the digital project's and the participatory budget's, whose publication
-- activity now has an estimated cost instead of "-".
UPDATE projects SET budget_centimes = 6000000 WHERE id = 52;
UPDATE projects SET budget_centimes = 1500000 WHERE id = 53;
UPDATE activities SET cost_centimes = 1500000, cost_text_ar = NULL, cost_text_fr = NULL WHERE id = 531;
