-- 06_demo.sql — the sandbox commune, for trying the participation features.
-- NOT from the documents: everything here is an example and says so in its own text
-- ("(مثال)" / "(exemple)"); axis and project wordings are copies of real ones from Settat and
-- Larache so that the sandbox looks like a real programme. No figures, no committee, no people.

INSERT INTO communes (id, slug, name_ar, name_fr, region_ar, region_fr, province_ar, province_fr, joined_on,
                      platform_ref, platform_url, is_sandbox)
VALUES (5, 'demo', 'جماعة تجريبية', 'Commune de démonstration', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1);

INSERT INTO programs (id, commune_id, period, title_ar, title_fr, status, adoption_session_ar, adoption_session_fr,
                      adopted_on, decision_ref, total_budget_centimes, notes_ar, notes_fr)
VALUES (5, 5, '2025-2026',
        'برنامج انفتاح الجماعة التجريبية 2025-2026 (مثال)',
        'Programme d''ouverture de la commune de démonstration 2025-2026 (exemple)',
        'consultation', NULL, NULL, NULL, NULL, NULL,
        'جماعة تجريبية لتجربة خصائص المشاركة: كل محتواها أمثلة وليس بيانات حقيقية.',
        'Commune de démonstration pour essayer les fonctions de participation : tout son contenu est un exemple, pas une donnée réelle.');

INSERT INTO milestones (id, program_id, position, kind, title_ar, title_fr, place_ar, place_fr, date_start, date_end, date_precision, done) VALUES
  (501, 5, 1, 'co-preparation-workshop', 'ورشة الإعداد المشترك وجمع الأفكار (مثال)', 'Atelier de co-construction et collecte des idées (exemple)', NULL, NULL, NULL, NULL, NULL, 0),
  (502, 5, 2, 'digital-call', 'إعلان تلقي الأفكار والاقتراحات عبر المنصة (مثال)', 'Appel à idées et propositions sur la plateforme (exemple)', NULL, NULL, NULL, NULL, NULL, 0),
  (503, 5, 3, 'council-adoption', 'المصادقة على برنامج الانفتاح (مثال)', 'Adoption du programme d''ouverture (exemple)', NULL, NULL, NULL, NULL, NULL, 0);

INSERT INTO axes (id, program_id, number, title_ar, title_fr) VALUES
  (51, 5, 1, 'التواصل (مثال)', 'Communication (exemple)'),
  (52, 5, 2, 'الرقمنة (مثال)', 'Digitalisation (exemple)'),
  (53, 5, 3, 'الميزانية التشاركية (مثال)', 'Budget participatif (exemple)');

INSERT INTO projects (id, program_id, axis_id, number, title_ar, title_fr) VALUES
  (51, 5, 51, 1, 'تجويد آليات التواصل (مثال)', 'Améliorer les mécanismes de communication (exemple)'),
  (52, 5, 52, 2, 'تعميم رقمنة الخدمات والمصالح الجماعية (مثال)', 'Généraliser la digitalisation des services et prestations de la commune (exemple)'),
  (53, 5, 53, 3, 'اعتماد الميزانية التشاركية في الميزانيات السنوية (مثال)', 'Adopter le budget participatif dans les budgets annuels (exemple)');

INSERT INTO activities (id, project_id, number, title_ar, title_fr, cost_centimes, cost_text_ar, cost_text_fr, funding_ar, funding_fr) VALUES
  (511, 51, 1, 'عقد لقاءات تواصلية دورية بين مختلف الفاعلين المحليين (مثال)', 'Tenir des rencontres de communication périodiques entre les acteurs locaux (exemple)', NULL, '-', '-', 'ذاتي', 'Autofinancement'),
  (521, 52, 1, 'القيام بحملات تحسيسية حول الخدمات الرقمية التي توفرها الجماعة للمواطنين (مثال)', 'Mener des campagnes de sensibilisation sur les services numériques de la commune (exemple)', NULL, '-', '-', 'ذاتي', 'Autofinancement'),
  (531, 53, 1, 'نشر مواد رقمية تفاعلية تحسيسية حول الميزانية التشاركية (مثال)', 'Publier des contenus numériques de sensibilisation sur le budget participatif (exemple)', NULL, '-', '-', 'ذاتي', 'Autofinancement');
