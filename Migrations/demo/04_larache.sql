-- 04_larache.sql — Larache's programme in preparation (seed 001: the deck of the second
-- citizen-participation meeting, 25 July 2023, which presents the five draft projects for
-- consultation and lists the next steps up to adoption in October).
--
-- Reading notes:
-- * Period: not printed. Adoption is planned for the October 2023 session, like the network's
--   other 2024-2025 programmes, hence '2024-2025' (inferred).
-- * Status 'draft': the projects are drafts put to consultation; the adoption is a next step.
-- * Axes are numbered in the order the slide lists them (the slide prints no numbers).
-- * The five projects: 2 and 5 are printed beside their numbers; 3 and 4 are paired with
--   "المحافظة على الحدائق وحراستها" and "الميزانية التشاركية" in the order of extraction.
--   The deck does not say which axis each project serves: axis_id NULL.
-- * Proposal counts (slide "تجميع الاقتراحات"): workshop 29 = 15 accepted + 6 integrated into
--   projects + 8 in processing; digital 10 = 5 + 2 + 2 + 1 not accepted; total 39 = 20 + 8 + 10
--   + 1. The workshop count is attached to the first meeting (21 March 2023), the digital one
--   to the digital consultation week (12-19 June 2023), the two participation channels of the
--   "first stage".
-- * Figures "قراءة في اللقاء" (70 participants, 18 associations, 40 women) belong to the first
--   meeting, in the section "قراءة للمرحلة الأولى للمشاركة المواطنة".
-- * Committee: decision of the council president dated 2023-05-04; no number printed.
--   "العبراجمصطفى" is run together by the extraction: "مصطفى العبراج".
-- * Province is not named in the document: NULL.

INSERT INTO communes (id, slug, name_ar, name_fr, region_ar, region_fr, province_ar, province_fr, joined_on,
                      platform_ref, platform_url, is_sandbox)
VALUES (3, 'larache', 'جماعة العرائش', 'Commune de Larache',
        -- "لقاء تواصلي حول البرنامج بمقر جهة طنجة-تطوان-الحسيمة"
        'جهة طنجة-تطوان-الحسيمة', 'Région Tanger-Tétouan-Al Hoceïma', NULL, NULL, NULL, NULL, NULL, 0);

INSERT INTO programs (id, commune_id, period, title_ar, title_fr, status, adoption_session_ar, adoption_session_fr,
                      adopted_on, decision_ref, total_budget_centimes, notes_ar, notes_fr)
VALUES (3, 3, '2024-2025', 'برنامج انفتاح جماعة العرائش', 'Programme d''ouverture de la commune de Larache',
        'draft', NULL, NULL, NULL, NULL, NULL, NULL, NULL);

INSERT INTO committees (id, program_id, name_ar, name_fr, decision_number, decision_date, decided_by_ar, decided_by_fr,
                        mandate_ar, mandate_fr)
VALUES (3, 3,
        'لجنة إعداد، تتبع، و تقييم برنامج الانفتاح بجماعة العرائش',
        'Comité de préparation, de suivi et d''évaluation du programme d''ouverture de la commune de Larache',
        NULL, '2023-05-04', 'رئيس مجلس الجماعة', 'Le président du conseil de la commune', NULL, NULL);

INSERT INTO committee_members (committee_id, position, honorific_ar, honorific_fr, name_ar, name_fr, function_ar, function_fr, role, category) VALUES
  (3, 1, 'السيد', 'M.', 'محمد المتوكي', NULL, 'نائب رئيس مجلس جماعة العرائش', 'Vice-président du conseil de la commune de Larache', 'president', 'elected'),
  (3, 2, NULL, NULL, 'سميرة اليملاحي', NULL, NULL, NULL, 'member', 'elected'),
  (3, 3, NULL, NULL, 'محمد براد', NULL, NULL, NULL, 'member', 'elected'),
  (3, 4, NULL, NULL, 'حميد العالي', NULL, NULL, NULL, 'member', 'elected'),
  (3, 5, 'السيدة', 'Mme', 'السعدية التواتي', NULL, 'رئيسة هيأة المساواة و تكافؤ الفرص', 'Présidente de l''instance de l''équité et de l''égalité des chances', 'member', 'equality-body'),
  (3, 6, NULL, NULL, 'كريمة أجائز', NULL, 'مقررة هيأة المساواة و تكافؤ الفرص', 'Rapporteuse de l''instance de l''équité et de l''égalité des chances', 'member', 'equality-body'),
  (3, 7, NULL, NULL, 'مصطفى العبراج', NULL, NULL, NULL, 'member', 'equality-body'),
  (3, 8, NULL, NULL, 'فتحية اليعقوبي', NULL, NULL, NULL, 'member', 'equality-body'),
  (3, 9, NULL, NULL, 'محمد عشاوي', NULL, 'مدير المصالح', 'Directeur des services', 'member', 'staff'),
  (3, 10, NULL, NULL, 'عصام البغدادي', NULL, 'المهندس البلدي رئيس قسم الأشغال', 'Ingénieur municipal, chef de la division des travaux', 'member', 'staff'),
  (3, 11, NULL, NULL, 'ماجدة البواري', NULL, 'تقنية بقسم الأشغال', 'Technicienne à la division des travaux', 'member', 'staff'),
  (3, 12, NULL, NULL, 'سمية البو', NULL, 'نقطة ارتكاز برنامج دعم الجماعات المنفتحة', 'Point focal du programme d''appui aux collectivités ouvertes', 'coordinator', 'staff');

-- Timeline "برنامج الإعداد المشترك لبرنامج انفتاح جماعة العرائش" (001 lines 75-131), the
-- committee decision (line 184) and "الخطوات المقبلة" (lines 399-407, undated, planned).
-- The committee milestone's title is worded from line 184 ("تم تعيين أعضاء هذه اللجنة").
INSERT INTO milestones (id, program_id, position, kind, title_ar, title_fr, place_ar, place_fr, date_start, date_end, date_precision, done) VALUES
  (301, 3, 1, 'communication-meeting', 'لقاء تواصلي حول البرنامج بمقر جهة طنجة-تطوان-الحسيمة',
       'Réunion de communication sur le programme au siège de la région Tanger-Tétouan-Al Hoceïma',
       'مقر جهة طنجة-تطوان-الحسيمة', 'Siège de la région Tanger-Tétouan-Al Hoceïma', '2022-12-06', NULL, 'day', 1),
  (302, 3, 2, 'other', 'تم تحديد محاور الجماعة ذات الأولوية عبر استمارة إلكترونية أعدتها جمعية أمباكت للتنمية',
       'Définition des axes prioritaires de la commune par un formulaire électronique préparé par l''association Impact pour le développement', NULL, NULL, '2022-12-27', NULL, 'day', 1),
  (303, 3, 3, 'other', 'ورشة تكوينية عن بعد حول مبادئ و منهجية الانفتاح',
       'Atelier de formation à distance sur les principes et la méthodologie de l''ouverture', NULL, NULL, '2023-02-23', NULL, 'day', 1),
  (304, 3, 4, 'co-preparation-workshop', 'اللقاء الأول للمشاركة المواطنة: جمع الأفكار والمقترحات',
       'Première rencontre de participation citoyenne : collecte des idées et des propositions', NULL, NULL, '2023-03-21', NULL, 'day', 1),
  (305, 3, 5, 'committee-created', 'تعيين أعضاء لجنة إعداد، تتبع، و تقييم برنامج الانفتاح بقرار رئيس مجلس الجماعة',
       'Désignation des membres du comité de préparation, de suivi et d''évaluation du programme d''ouverture par arrêté du président du conseil', NULL, NULL, '2023-05-04', NULL, 'day', 1),
  (306, 3, 6, 'digital-call', 'أسبوع التشاور العمومي الرقمي', 'Semaine de consultation publique numérique',
       NULL, NULL, '2023-06-12', '2023-06-19', 'range', 1),
  (307, 3, 7, 'consultation-workshop', 'اللقاء الثاني للمشاركة المواطنة: التشاور حول مسودة برنامج الانفتاح',
       'Deuxième rencontre de participation citoyenne : consultation sur le projet de programme d''ouverture', NULL, NULL, '2023-07-25', NULL, 'day', 1),
  (308, 3, 8, 'digital-consultation', 'التشاور الرقمي الموسع', 'Consultation numérique élargie', NULL, NULL, NULL, NULL, NULL, 0),
  (309, 3, 9, 'other', 'الصياغة النهائية للمشاريع', 'Rédaction finale des projets', NULL, NULL, NULL, NULL, NULL, 0),
  (310, 3, 10, 'council-adoption', 'المصادقة على برنامج الانفتاح', 'Adoption du programme d''ouverture', NULL, NULL, '2023-10', NULL, 'month', 0);

INSERT INTO axes (id, program_id, number, title_ar, title_fr) VALUES
  (31, 3, 1, 'التواصل', 'Communication'),
  (32, 3, 2, 'التسويق الترابي', 'Marketing territorial'),
  (33, 3, 3, 'خدمات ذات جودة', 'Services de qualité'),
  (34, 3, 4, 'التنمية الاجتماعية', 'Développement social');

INSERT INTO projects (id, program_id, axis_id, number, title_ar, title_fr) VALUES
  (31, 3, NULL, 1, 'تجويد آليات التواصل', 'Améliorer les mécanismes de communication'),
  (32, 3, NULL, 2, 'إعداد دليل ترويجي لإبراز مؤهلات جماعة العرائش', 'Élaborer un guide promotionnel mettant en valeur les atouts de la commune de Larache'),
  (33, 3, NULL, 3, 'المحافظة على الحدائق وحراستها', 'Préserver et surveiller les jardins'),
  (34, 3, NULL, 4, 'الميزانية التشاركية', 'Budget participatif'),
  (35, 3, NULL, 5, 'ميزانية المواطن', 'Budget citoyen');

INSERT INTO events (id, program_id, milestone_id, kind, channel, title_ar, title_fr, date_start, date_end, date_precision,
                    time_start, place_ar, place_fr, description_ar, description_fr,
                    participants, women, associations, equality_body_members, proposals_total) VALUES
  (31, 3, 304, 'co-preparation-workshop', 'workshop', 'اللقاء الأول للمشاركة المواطنة', 'Première rencontre de participation citoyenne',
       '2023-03-21', NULL, 'day', NULL, NULL, NULL,
       'جمع الأفكار والمقترحات', 'Collecte des idées et des propositions',
       70, 40, 18, NULL, 29),
  (32, 3, 306, 'digital-call', 'platform', 'المشاركة الرقمية', 'Participation numérique',
       '2023-06-12', '2023-06-19', 'range', NULL, NULL, NULL,
       'أسبوع التشاور العمومي الرقمي', 'Semaine de consultation publique numérique',
       NULL, NULL, NULL, NULL, 10);

INSERT INTO event_proposal_counts (event_id, axis_id, project_id, channel, status, count) VALUES
  (31, NULL, NULL, 'workshop', 'accepted', 15),
  (31, NULL, NULL, 'workshop', 'integrated', 6),
  (31, NULL, NULL, 'workshop', 'processing', 8),
  (32, NULL, NULL, 'platform', 'accepted', 5),
  (32, NULL, NULL, 'platform', 'integrated', 2),
  (32, NULL, NULL, 'platform', 'processing', 2),
  (32, NULL, NULL, 'platform', 'rejected', 1);
