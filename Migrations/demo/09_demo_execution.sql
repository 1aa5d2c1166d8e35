-- 09_demo_execution.sql — an earlier, ILLUSTRATIVE program of the sandbox commune (2023-2024),
-- carried through adoption into execution, so that a newcomer finds every page of the execution
-- and the annual evaluation filled (issue 13). NOT from the documents: every text is an example and
-- says so ("(مثال)" / "(exemple)"), the program's notes and its pages say it is illustrative, and
-- no real commune's execution is invented (Settat's adopted program stays without progress).
--
-- No proposals: the demo's stores of citizens' proposals start empty, for whoever tries the forms.
-- Store.loadDemoData adds what needs the portal's own code after this file: the frozen version
-- and the dated step into execution, a small PDF made by the loader as evidence, and the
-- first year's evaluation, published with its figures frozen as of 2023-12-31.

INSERT INTO programs (id, commune_id, period, title_ar, title_fr, status, adoption_session_ar, adoption_session_fr,
                      adopted_on, decision_ref, total_budget_centimes, notes_ar, notes_fr)
VALUES (6, 5, '2023-2024',
        'برنامج انفتاح توضيحي 2023-2024 (مثال)',
        'Programme d''ouverture illustratif 2023-2024 (exemple)',
        'in-execution', 'دورة أكتوبر 2022 (مثال)', 'Session d''octobre 2022 (exemple)', '2022-10', NULL, 12000000,
        'برنامج توضيحي: كل أنشطته وأرقام تنفيذه ووثائقه وتقييمه أمثلة مختلقة لعرض صفحات التنفيذ والتقييم، وليست بيانات حقيقية.',
        'Programme illustratif : ses activités, ses chiffres d''exécution, ses pièces et son évaluation sont des exemples inventés pour montrer les pages d''exécution et d''évaluation ; ce ne sont pas des données réelles.');

INSERT INTO axes (id, program_id, number, title_ar, title_fr) VALUES
  (61, 6, 1, 'الشفافية والحصول على المعلومة (مثال)', 'Transparence et accès à l''information (exemple)'),
  (62, 6, 2, 'المشاركة المواطنة (مثال)', 'Participation citoyenne (exemple)');

INSERT INTO projects (id, program_id, axis_id, number, title_ar, title_fr, duration_ar, duration_fr, date_start, date_end, budget_centimes) VALUES
  (61, 6, 61, 1, 'نشر معطيات الجماعة للعموم (مثال)', 'Publier les données de la commune (exemple)', 'سنتان', 'Deux ans', '2023-01', '2024-12', 7000000),
  (62, 6, 62, 2, 'لقاءات دورية مع الأحياء (مثال)', 'Rencontres périodiques avec les quartiers (exemple)', 'سنتان', 'Deux ans', '2023-01', '2024-12', 5000000);

INSERT INTO project_objectives (id, project_id, position, text_ar, text_fr) VALUES
  (611, 61, 1, 'تمكين المواطنين من الاطلاع على ميزانية الجماعة وقراراتها (مثال)', 'Permettre aux citoyens de consulter le budget et les décisions de la commune (exemple)'),
  (621, 62, 1, 'إشراك سكان الأحياء في تتبع المشاريع (مثال)', 'Associer les habitants des quartiers au suivi des projets (exemple)');

INSERT INTO project_indicators (id, project_id, kind, position, text_ar, text_fr) VALUES
  (611, 61, 'follow-up', 1, 'عدد الوثائق المنشورة على الموقع (مثال)', 'Nombre de documents publiés sur le site (exemple)'),
  (612, 61, 'impact', 1, 'نسبة الطلبات المجاب عنها داخل الأجل (مثال)', 'Part des demandes d''information traitées dans les délais (exemple)'),
  (621, 62, 'follow-up', 1, 'عدد اللقاءات المنظمة في الأحياء (مثال)', 'Nombre de rencontres tenues dans les quartiers (exemple)');

INSERT INTO indicator_plans (indicator_id, unit, baseline_number, baseline_on, target_number, target_on) VALUES
  (611, 'count', 4, '2022-12-31', 40, '2024-12-31'),
  (612, 'percent', 3500, '2022-12-31', 9000, '2024-12-31'),
  (621, 'count', 0, '2022-12-31', 12, '2024-12-31');

INSERT INTO activities (id, project_id, number, title_ar, title_fr, cost_centimes, funding_ar, funding_fr, date_start, date_end) VALUES
  (611, 61, 1, 'إحداث صفحة المعطيات المفتوحة على موقع الجماعة (مثال)', 'Créer la page des données ouvertes sur le site de la commune (exemple)', 3000000, 'ذاتي', 'Autofinancement', '2023-02', '2023-06'),
  (612, 61, 2, 'نشر الميزانية المبسطة للمواطن كل سنة (مثال)', 'Publier chaque année le budget citoyen simplifié (exemple)', 1500000, 'ذاتي', 'Autofinancement', '2023-03', '2023-09'),
  (613, 61, 3, 'تكوين الموظفين في الحصول على المعلومة (مثال)', 'Former le personnel à l''accès à l''information (exemple)', 2500000, 'ذاتي', 'Autofinancement', '2023-05', '2023-11'),
  (621, 62, 1, 'تنظيم لقاء فصلي في كل حي (مثال)', 'Tenir une rencontre trimestrielle dans chaque quartier (exemple)', 3000000, 'ذاتي', 'Autofinancement', '2023-03', '2024-12'),
  (622, 62, 2, 'إصدار نشرة ورقية للأحياء (مثال)', 'Éditer un bulletin papier pour les quartiers (exemple)', 2000000, 'ذاتي', 'Autofinancement', '2023-04', '2023-10');

-- The progress, as a focal point would have recorded it through 2023 and into 2024 (examples).
INSERT INTO activity_progress (id, activity_id, entry_on, status, percent, reason_ar, reason_fr, note_ar, note_fr, started_on, ended_on,
                               actual_cost_centimes, recorded_at, recorded_by, recorded_by_name) VALUES
  (6001, 611, '2023-03-15', 'in-progress', 40, NULL, NULL, 'صُمِّمت الصفحة وتُجرَّب داخليا (مثال).', 'La page est conçue et testée en interne (exemple).', '2023-02-20', NULL, 1200000, '2023-03-15T10:00:00Z', NULL, 'نقطة الارتكاز (مثال)'),
  (6002, 611, '2023-06-28', 'done', 100, NULL, NULL, 'الصفحة منشورة وفيها أول عشرين وثيقة (مثال).', 'La page est en ligne avec ses vingt premiers documents (exemple).', '2023-02-20', '2023-06-26', 2800000, '2023-06-28T09:30:00Z', NULL, 'نقطة الارتكاز (مثال)'),
  (6003, 612, '2023-10-05', 'done', 100, NULL, NULL, 'نُشرت الميزانية المبسطة لسنة 2023 (مثال).', 'Le budget citoyen 2023 est publié (exemple).', '2023-04-01', '2023-09-30', 1400000, '2023-10-05T11:00:00Z', NULL, 'نقطة الارتكاز (مثال)'),
  (6004, 613, '2023-09-01', 'delayed', 20, 'تأجيل التكوين إلى ما بعد العطلة الصيفية (مثال)', 'Formation reportée après l''été (exemple)', NULL, NULL, '2023-06-10', NULL, 300000, '2023-09-01T08:00:00Z', NULL, 'نقطة الارتكاز (مثال)'),
  (6005, 621, '2023-06-30', 'in-progress', 25, NULL, NULL, 'لقاءان في حي الأمل وحي النصر (مثال).', 'Deux rencontres, aux quartiers Al Amal et Annasr (exemple).', '2023-04-12', NULL, 600000, '2023-06-30T16:00:00Z', NULL, 'نقطة الارتكاز (مثال)'),
  (6006, 621, '2023-12-20', 'in-progress', 50, NULL, NULL, 'ستة لقاءات منذ البداية (مثال).', 'Six rencontres depuis le début (exemple).', '2023-04-12', NULL, 1450000, '2023-12-20T15:00:00Z', NULL, 'نقطة الارتكاز (مثال)'),
  (6007, 622, '2023-07-10', 'cancelled', 0, 'عُوِّضت النشرة الورقية بصفحة الجماعة على الإنترنت (مثال)', 'Bulletin papier remplacé par la page de la commune (exemple)', NULL, NULL, NULL, NULL, NULL, '2023-07-10T10:00:00Z', NULL, 'نقطة الارتكاز (مثال)'),
  (6008, 621, '2024-03-28', 'in-progress', 65, NULL, NULL, 'ثمانية لقاءات (مثال).', 'Huit rencontres (exemple).', '2023-04-12', NULL, 1900000, '2024-03-28T15:00:00Z', NULL, 'نقطة الارتكاز (مثال)');

INSERT INTO indicator_values (id, indicator_id, measured_on, value_number, source_ar, source_fr, note_ar, note_fr, recorded_at, recorded_by, recorded_by_name) VALUES
  (6101, 611, '2023-06-30', 20, 'صفحة المعطيات (مثال)', 'Page des données (exemple)', NULL, NULL, '2023-06-30T10:00:00Z', NULL, 'نقطة الارتكاز (مثال)'),
  (6102, 611, '2023-12-31', 27, 'صفحة المعطيات (مثال)', 'Page des données (exemple)', NULL, NULL, '2024-01-05T10:00:00Z', NULL, 'نقطة الارتكاز (مثال)'),
  (6103, 612, '2023-12-31', 6200, 'سجل الطلبات (مثال)', 'Registre des demandes (exemple)', NULL, NULL, '2024-01-05T10:05:00Z', NULL, 'نقطة الارتكاز (مثال)'),
  (6104, 621, '2023-06-30', 2, 'محاضر اللقاءات (مثال)', 'Procès-verbaux des rencontres (exemple)', NULL, NULL, '2023-06-30T16:05:00Z', NULL, 'نقطة الارتكاز (مثال)'),
  (6105, 621, '2023-12-31', 6, 'محاضر اللقاءات (مثال)', 'Procès-verbaux des rencontres (exemple)', NULL, NULL, '2024-01-05T10:10:00Z', NULL, 'نقطة الارتكاز (مثال)'),
  (6106, 611, '2024-03-31', 31, 'صفحة المعطيات (مثال)', 'Page des données (exemple)', NULL, NULL, '2024-04-01T09:00:00Z', NULL, 'نقطة الارتكاز (مثال)');

-- Two neighbourhood meetings of 2023 with their figures (examples).
INSERT INTO events (id, program_id, kind, channel, title_ar, title_fr, date_start, date_end, date_precision, participants, women, associations, proposals_total) VALUES
  (601, 6, 'communication-meeting', 'meeting', 'لقاء حي الأمل (مثال)', 'Rencontre du quartier Al Amal (exemple)', '2023-05-13', NULL, 'day', 38, 17, 6, NULL),
  (602, 6, 'communication-meeting', 'meeting', 'لقاء حي النصر (مثال)', 'Rencontre du quartier Annasr (exemple)', '2023-06-17', NULL, 'day', 52, 29, 9, NULL);

INSERT INTO milestones (id, program_id, position, kind, title_ar, title_fr, date_start, date_end, date_precision, done) VALUES
  (601, 6, 1, 'digital-call', 'إعلان تلقي الأفكار (مثال)', 'Appel à idées (exemple)', '2022-06-01', '2022-06-14', 'range', 1),
  (602, 6, 2, 'council-adoption', 'مصادقة المجلس في دورة أكتوبر (مثال)', 'Adoption par le conseil à la session d''octobre (exemple)', '2022-10', NULL, 'month', 1);
