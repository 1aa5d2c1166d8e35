-- 02_settat.sql — Settat's openness programme 2024-2025, adopted in the October 2023 session.
-- Source: seed 003 (clean text of the deck), checked against seed 000 (raw extraction of the
-- same deck). Where they differ, the reading kept is noted.
--
-- Reading notes:
-- * Axis numbering follows the adopted matrix ("المحور رقم 1..4"): 1 participatory budget,
--   2 equality body, 3 digitisation, 4 permanent dialogue. (The earlier "priority axes" slide
--   numbers them 1 budget, 2 digitisation, 3 dialogue, 4 equality body.)
-- * Axis/project 4: 003's matrix prints "خلق آلية دائمة للتداول" and 003 once "للتعاون"; the
--   card, the axes slide, the call and the whole of 000 print "للتحاور", kept here.
-- * Cost text: 003 prints "ستحدد من الجهة الملزمة بتنفيذ النشاط", 000 "الملتزمة"; 003 kept.
-- * Project start/end = the span of the project's activity rows in the matrix.
-- * The cards' contributions include "الجماعة: ..." although the commune is not in the
--   card's partners cell: stored with listed = 0. The template placeholder "اسم الشرك:" that
--   precedes ENABEL/DGCT contributions is left out.
-- * People's names are not transliterated (no source spelling): name_fr NULL.

INSERT INTO communes (id, slug, name_ar, name_fr, region_ar, region_fr, province_ar, province_fr, joined_on,
                      platform_ref, platform_url, is_sandbox)
VALUES (1, 'settat', 'جماعة سطات', 'Commune de Settat',
        -- decision 93: "اللقاء التواصلي ... بمقر جهة الدار البيضاء سطات" (extraction: "إدار البضاء")
        'جهة الدار البيضاء سطات', 'Région Casablanca-Settat',
        'إقليم سطات', 'Province de Settat',
        NULL,  -- "من بين أوائل مجالس الجماعات المنخرطة في الشبكة": no date given
        'commune-settat',
        'https://ctouvertes.collectivites-territoriales.gov.ma/membre.php?ct=commune-settat&lang=ar',
        0);

INSERT INTO programs (id, commune_id, period, title_ar, title_fr, status, adoption_session_ar, adoption_session_fr,
                      adopted_on, decision_ref, total_budget_centimes, notes_ar, notes_fr)
VALUES (1, 1, '2024-2025',
        'برنامج انفتاح جماعة سطات 2024-2025', 'Programme d''ouverture de la commune de Settat 2024-2025',
        'adopted',
        -- title page: "صادق عليه مجلس جماعة سطات خلال دورة أكتوبر 2023"
        'دورة أكتوبر 2023', 'Session d''octobre 2023', '2023-10', NULL,
        NULL,  -- the matrix gives no amounts
        NULL, NULL);

-- "تمهيد" (003 lines 34-42); the minister's letter comes from the visas of decision 93 (line 188).
INSERT INTO program_references (program_id, position, text_ar, text_fr, ref_number, ref_date) VALUES
  (1, 1, 'المبادئ التوجيهية الملكية السامية المتعلقة بتعبئة إمكانات الأمة وإشراك جميع مهاراتها من أجل تنفيذ النموذج التنموي الجديد للمغرب،',
         'Les hautes orientations royales relatives à la mobilisation des potentialités de la nation et à l''implication de toutes ses compétences pour la mise en œuvre du nouveau modèle de développement du Maroc,', NULL, NULL),
  (1, 2, 'دستور المملكة والترسانة القانونية والتنظيمية الوطنية فيما يتعلق بتكريس مبادئ الشفافية والمساءلة والمشاركة المواطنة،',
         'La Constitution du Royaume et l''arsenal juridique et réglementaire national relatif à la consécration des principes de transparence, de redevabilité et de participation citoyenne,', NULL, NULL),
  (1, 3, 'أحكام القوانين التنظيمية للجماعات الترابية والقوانين والتنظيمات الأخرى التي تهدف إلى تعزيز مبادئ الشفافية والمسؤولية والمساءلة والديمقراطية التشاركية،',
         'Les dispositions des lois organiques relatives aux collectivités territoriales et des autres lois et règlements visant à renforcer les principes de transparence, de responsabilité, de redevabilité et de démocratie participative,', NULL, NULL),
  (1, 4, 'انضمام المملكة المغربية للمبادرة الدولية "شراكة الحكومة المنفتحة".',
         'L''adhésion du Royaume du Maroc à l''initiative internationale « Partenariat pour un gouvernement ouvert ».', NULL, NULL),
  (1, 5, 'انضمام جماعة سطات "الشبكة المغربية للجماعات الترابية المنفتحة".',
         'L''adhésion de la commune de Settat au « Réseau Marocain des Collectivités Territoriales Ouvertes ».', NULL, NULL),
  (1, 6, 'مراسلة السيد وزير الداخلية رقم 480 بتاريخ 11 أبريل 2023.',
         'Lettre de M. le ministre de l''Intérieur n° 480 du 11 avril 2023.', '480', '2023-04-11'),
  (1, 7, 'مراسلة السيد عامل إقليم سطات عدد 3506 بتاريخ 17 أبريل 2023، دعوة لحضور لقاء تواصلي حول برنامج الجماعات الترابية المنفتحة بتاريخ 28 أبريل 2023 بمقر الجهة.',
         'Lettre de M. le gouverneur de la province de Settat n° 3506 du 17 avril 2023, invitation à une réunion de communication sur le programme des collectivités territoriales ouvertes le 28 avril 2023 au siège de la région.', '3506', '2023-04-17'),
  (1, 8, 'قرار رئيس المجلس رقم 93 بتاريخ 08 ماي 2023 بتشكيل لجنة تتبع؛ إعداد وتنفيذ وتقييم برنامج انفتاح الجماعة.',
         'Arrêté du président du conseil n° 93 du 8 mai 2023 portant constitution du comité de suivi de la préparation, de la mise en œuvre et de l''évaluation du programme d''ouverture de la commune.', '93', '2023-05-08'),
  (1, 9, 'مراسلة السيد عامل إقليم سطات عدد 4070 بتاريخ 08 ماي 2023، لعقد ورشة الإعداد المشترك لبرنامج الانفتاح.',
         'Lettre de M. le gouverneur de la province de Settat n° 4070 du 8 mai 2023, pour la tenue de l''atelier de co-construction du programme d''ouverture.', '4070', '2023-05-08'),
  (1, 10, 'مراسلة السيد عامل إقليم سطات عدد 5846 بتاريخ 26 يونيو 2023، لعقد ورشة حول التشاور الموسع لمسودة المشاريع ببرنامج الانفتاح.',
          'Lettre de M. le gouverneur de la province de Settat n° 5846 du 26 juin 2023, pour la tenue d''un atelier de consultation élargie sur le projet des projets du programme d''ouverture.', '5846', '2023-06-26');

-- Decision 93 of 2023-05-08 (003 lines 171-212), article 2.
INSERT INTO committees (id, program_id, name_ar, name_fr, decision_number, decision_date, decided_by_ar, decided_by_fr,
                        mandate_ar, mandate_fr)
VALUES (1, 1,
        'لجنة تتبع إعداد وتنفيذ وتقييم برنامج انفتاح الجماعة',
        'Comité de suivi de la préparation, de la mise en œuvre et de l''évaluation du programme d''ouverture de la commune',
        '93', '2023-05-08',
        'رئيس المجلس الجماعي لجماعة سطات', 'Le président du conseil communal de Settat',
        'تتحدد مهام اللجنة في تتبع، إعداد وتنفيذ وتقييم برنامج انفتاح الجماعة',
        'Le comité a pour mission le suivi, la préparation, la mise en œuvre et l''évaluation du programme d''ouverture de la commune');

-- "مقرررة" (003) is extraction damage for "مقررة".
INSERT INTO committee_members (committee_id, position, honorific_ar, honorific_fr, name_ar, name_fr, function_ar, function_fr, role, category) VALUES
  (1, 1, 'السيد', 'M.', 'المصطفى التاكوي', NULL, 'رئيس مجلس جماعة سطات', 'Président du conseil de la commune de Settat', 'president', 'elected'),
  (1, 2, 'السيد', 'M.', 'بوبكر ذاكير', NULL, 'مدير المصالح الجماعية', 'Directeur des services communaux', 'member', 'staff'),
  (1, 3, 'السيد', 'M.', 'رشيد عايش', NULL, 'نقطة ارتكاز الجماعة في البرنامج', 'Point focal de la commune pour le programme', 'member', 'staff'),
  (1, 4, 'السيدة', 'Mme', 'عائشة بلوردة', NULL, 'مقررة هيئة المساواة وتكافؤ الفرص ومقاربة النوع', 'Rapporteuse de l''instance de l''équité, de l''égalité des chances et de l''approche genre', 'member', 'equality-body'),
  (1, 5, 'السيدة', 'Mme', 'زهراء نبتي', NULL, 'عضوة هيئة المساواة وتكافؤ الفرص ومقاربة النوع', 'Membre de l''instance de l''équité, de l''égalité des chances et de l''approche genre', 'member', 'equality-body'),
  (1, 6, 'السيد', 'M.', 'عبد الهادي بوشنياطة', NULL, 'عضو هيئة المساواة وتكافؤ الفرص ومقاربة النوع', 'Membre de l''instance de l''équité, de l''égalité des chances et de l''approche genre', 'member', 'equality-body'),
  (1, 7, 'السيد', 'M.', 'رشيد معاش', NULL, 'عضو هيئة المساواة وتكافؤ الفرص ومقاربة النوع', 'Membre de l''instance de l''équité, de l''égalité des chances et de l''approche genre', 'member', 'equality-body');

-- Timeline slide (003 lines 119-167, 000 lines 146-208) and the dates table (003 lines 112-117).
-- * 11 May: the box holds three lines (DGCT meeting to set the workshop date, invitations,
--   press release) under one date; kept as one milestone.
-- * The call: the timeline dates it 09 June; the public notice opens it "from Friday 09 June
--   2023 to Wednesday 14 June 2023" (003 line 283): stored as that range.
-- * "عرض مشروع برنامج الانفتاح على المجلس" has no date on the timeline; the title page says
--   the council adopted it during the October 2023 session.
INSERT INTO milestones (id, program_id, position, kind, title_ar, title_fr, place_ar, place_fr, date_start, date_end, date_precision, done) VALUES
  (101, 1, 1, 'communication-meeting', 'لقاء تواصلي بالجهة', 'Réunion de communication à la région',
       'مقر جهة الدار البيضاء سطات', 'Siège de la région Casablanca-Settat', '2023-04-28', NULL, 'day', 1),
  (102, 1, 2, 'committee-created', 'إحداث لجنة تتبع، إعداد وتنفيذ وتقييم البرنامج',
       'Création du comité de suivi, de préparation, de mise en œuvre et d''évaluation du programme', NULL, NULL, '2023-05-08', NULL, 'day', 1),
  (103, 1, 3, 'other', 'اجتماع مع DGCT تحديد تاريخ الورشة، ارسال دعوات الورشة، اصدار بلاغ حول الورشة',
       'Réunion avec la DGCT pour fixer la date de l''atelier, envoi des invitations, publication d''un communiqué sur l''atelier', NULL, NULL, '2023-05-11', NULL, 'day', 1),
  (104, 1, 4, 'co-preparation-workshop', 'ورشة الاعداد المشترك وجمع الأفكار بالجماعة',
       'Atelier de co-construction et de collecte des idées à la commune', NULL, NULL, '2023-05-17', NULL, 'day', 1),
  (105, 1, 5, 'digital-call', 'إعلان تلقي الأفكار والاقتراحات عبر المنصة',
       'Appel à idées et propositions sur la plateforme', NULL, NULL, '2023-06-09', '2023-06-14', 'range', 1),
  (106, 1, 6, 'committee-meeting', 'اجتماع لجنة تتبع إعداد برنامج الانفتاح',
       'Réunion du comité de suivi de la préparation du programme d''ouverture', NULL, NULL, '2023-06-15', NULL, 'day', 1),
  (107, 1, 7, 'draft', 'مسودة المشاريع', 'Brouillon des projets', NULL, NULL, '2023-06-16', NULL, 'day', 1),
  (108, 1, 8, 'consultation-workshop', 'عقد ورشة التشاور حول مسودة البرنامج',
       'Atelier de consultation sur le projet de programme', NULL, NULL, '2023-07-06', NULL, 'day', 1),
  (109, 1, 9, 'digital-consultation', 'التشاور حول مسودة البرنامج عبر المنصة الرقمية',
       'Consultation sur le projet de programme via la plateforme numérique', NULL, NULL, '2023-07-13', NULL, 'day', 1),
  (110, 1, 10, 'bureau-adoption', 'اعتماد البرنامج من المكتب وتسجيل كنقطة في جدول أعمال دورة أكتوبر',
       'Adoption du programme par le bureau et inscription à l''ordre du jour de la session d''octobre', NULL, NULL, '2023-07-13', NULL, 'day', 1),
  (111, 1, 11, 'standing-committee', 'دراسة البرنامج من طرف اللجنة الدائمة المختصة',
       'Examen du programme par la commission permanente compétente', NULL, NULL, '2023-09-11', NULL, 'day', 1),
  (112, 1, 12, 'council-adoption', 'عرض مشروع برنامج الانفتاح على المجلس',
       'Présentation du projet de programme d''ouverture au conseil', NULL, NULL, '2023-10', NULL, 'month', 1);

INSERT INTO axes (id, program_id, number, title_ar, title_fr) VALUES
  (11, 1, 1, 'الميزانية التشاركية', 'Budget participatif'),
  (12, 1, 2, 'تقوية دور هيئة المساواة وتكافؤ الفرص ومقاربة النوع', 'Renforcer le rôle de l''instance de l''équité, de l''égalité des chances et de l''approche genre'),
  (13, 1, 3, 'الرقمنة', 'Digitalisation'),
  (14, 1, 4, 'خلق آلية دائمة للتحاور', 'Créer un mécanisme permanent de dialogue');

INSERT INTO projects (id, program_id, axis_id, number, title_ar, title_fr, slogan_ar, slogan_fr, duration_ar, duration_fr, date_start, date_end, budget_centimes) VALUES
  (11, 1, 11, 1, 'اعتماد الميزانية التشاركية في الميزانيات السنوية', 'Adopter le budget participatif dans les budgets annuels',
       NULL, NULL, 'سنة', 'Un an', '2024-01-01', '2024-12-31', NULL),
  (12, 1, 12, 2, 'تقوية دور هيئة المساواة وتكافؤ الفرص ومقاربة النوع', 'Renforcer le rôle de l''instance de l''équité, de l''égalité des chances et de l''approche genre',
       NULL, NULL, 'سنتين', 'Deux ans', '2024-01-01', '2025-12-31', NULL),
  (13, 1, 13, 3, 'تعميم رقمنة الخدمات والمصالح الجماعية', 'Généraliser la digitalisation des services et prestations de la commune',
       NULL, NULL, 'سنتين', 'Deux ans', '2024-01-01', '2025-12-31', NULL),
  (14, 1, 14, 4, 'خلق آلية دائمة للتحاور', 'Créer un mécanisme permanent de dialogue',
       NULL, NULL, 'سنتين', 'Deux ans', '2024-01-01', '2025-12-31', NULL);

-- Project cards (003 lines 412-515).
INSERT INTO project_objectives (project_id, position, text_ar, text_fr) VALUES
  (11, 1, 'تعزيز الثقة بين المواطن والجماعة', 'Renforcer la confiance entre le citoyen et la commune'),
  (11, 2, 'جعل المواطن شريكا في تحديد الاحتياجات وإيجاد الحلول', 'Faire du citoyen un partenaire dans l''identification des besoins et la recherche de solutions'),
  (12, 1, 'تحسين جودة خدمات وبرامج الجماعة', 'Améliorer la qualité des services et des programmes de la commune'),
  (13, 1, 'تحسين جودة خدمات وبرامج الجماعة الترابية', 'Améliorer la qualité des services et des programmes de la collectivité territoriale'),
  (13, 2, 'تعزيز الثقة بين المواطن والجماعة الترابية.', 'Renforcer la confiance entre le citoyen et la collectivité territoriale.'),
  (14, 1, 'تحسين جودة خدمات وبرامج الجماعة', 'Améliorer la qualité des services et des programmes de la commune'),
  (14, 2, 'تعزيز الثقة بين المواطن والجماعة', 'Renforcer la confiance entre le citoyen et la commune');

-- Card 4, result 1: 003 "سيتمكن المواطنين", 000 "سيمكن المواطنين" (kept).
INSERT INTO project_expected_results (project_id, position, text_ar, text_fr) VALUES
  (11, 1, 'سيساهم المشروع من فتح المجال للمواطن للمساهمة في تدبير الشأن العام المحلي مشاركة الساكنة في تحديد الأولويات التنموية من خلال اختياره للمشاريع الممولة بالميزانية التشاركية وتنزيلها وتتبعها وتقييمها.',
          'Le projet contribuera à ouvrir au citoyen la possibilité de participer à la gestion des affaires publiques locales : participation de la population à la définition des priorités de développement par le choix des projets financés par le budget participatif, leur mise en œuvre, leur suivi et leur évaluation.'),
  (12, 1, 'تحسين جودة خدمات وبرامج الجماعة أخذاً بآراء الهيئة في ميدان المساواة وتكافؤ الفرص ومقاربة النوع',
          'Améliorer la qualité des services et des programmes de la commune en tenant compte des avis de l''instance en matière d''équité, d''égalité des chances et d''approche genre'),
  (13, 1, 'تحسين وتجويد الخدمات المقدمة للمواطنين وتعزيز الثقة بين المواطن والجماعة عبر تقديم خدمات عن بعد.',
          'Améliorer la qualité des services rendus aux citoyens et renforcer la confiance entre le citoyen et la commune en offrant des services à distance.'),
  (14, 1, 'التواصل والتحاور سيمكن المواطنين من التعرف على مختلف انجازات المجلس الجماعي والاكراهات التي يعاني منها.',
          'La communication et le dialogue permettront aux citoyens de connaître les différentes réalisations du conseil communal et les contraintes auxquelles il fait face.'),
  (14, 2, 'جعل المواطن شريكا في تحديد الاحتياجات وإيجاد الحلول بتقوية آليات التواصل والحوار التفاعلي.',
          'Faire du citoyen un partenaire dans l''identification des besoins et la recherche de solutions en renforçant les mécanismes de communication et de dialogue interactif.');

INSERT INTO project_indicators (project_id, kind, position, text_ar, text_fr) VALUES
  (11, 'follow-up', 1, 'مدى اعتماد الميزانية التشاركية في ميزانية سنتي 2025 و2026.',
                      'Degré d''adoption du budget participatif dans les budgets 2025 et 2026.'),
  (11, 'impact', 1, 'تنزيل المشاريع في إطار الميزانية التشاركية سيقوي الثقة بين المجلس والمرتفقين، وتملك للفضاءات الجماعية.',
                   'La réalisation de projets dans le cadre du budget participatif renforcera la confiance entre le conseil et les usagers, et l''appropriation des espaces communaux.'),
  (12, 'follow-up', 1, 'عدد الآراء الاستشارية المقدمة لمجلس الجماعة', 'Nombre d''avis consultatifs présentés au conseil de la commune'),
  (12, 'impact', 1, 'عدد المشاريع التي أخذ فيها برأي الهيئة من طرف المجلس', 'Nombre de projets pour lesquels le conseil a tenu compte de l''avis de l''instance'),
  (13, 'follow-up', 1, 'نسبة البرامج والبوابات الرسمية التي انخرطت فيها مصالح الجماعة.',
                      'Proportion des programmes et portails officiels auxquels les services de la commune ont adhéré.'),
  (13, 'impact', 1, 'عدد الوثائق المعالجة إلكترونياً ونسبة رضى المواطنين.', 'Nombre de documents traités électroniquement et taux de satisfaction des citoyens.'),
  (14, 'follow-up', 1, 'عدد اللقاءات التواصلية مع مختلف الفاعلين المحليين.', 'Nombre de rencontres de communication avec les différents acteurs locaux.'),
  (14, 'impact', 1, 'قياس مدى الرضى عن أعمال المجلس و مصالح الجماعة.', 'Mesure du degré de satisfaction à l''égard de l''action du conseil et des services de la commune.');

-- Partners. "المديرية العامة للجماعات الترابية" appears both bare and followed by
-- "(وزارة الداخلية)"; one partner, the ministry kept as its description. ENABEL is printed
-- "مؤسسة ENABEL (برنامج دعم المشاركة المواطنة)": the programme is kept as its description.
INSERT INTO partners (id, name_ar, name_fr, short_name, description_ar, description_fr) VALUES
  (1, 'المديرية العامة للجماعات الترابية', 'Direction Générale des Collectivités Territoriales', 'DGCT', 'وزارة الداخلية', 'Ministère de l''Intérieur'),
  (2, 'مؤسسة ENABEL', 'Enabel', 'ENABEL', 'برنامج دعم المشاركة المواطنة', 'Programme d''appui à la participation citoyenne'),
  (3, 'جامعة الحسن الأول', 'Université Hassan Ier', NULL, NULL, NULL),
  (4, 'هيئة المساواة وتكافؤ الفرص ومقاربة النوع', 'Instance de l''équité, de l''égalité des chances et de l''approche genre', NULL, NULL, NULL),
  (5, 'الجماعة', 'La commune', NULL, NULL, NULL),
  (6, 'المنابر الإعلامية ومختلف الفاعلين المحليين', 'Les médias et les différents acteurs locaux', NULL, NULL, NULL);

INSERT INTO project_partners (project_id, partner_id, position, contribution_ar, contribution_fr, listed) VALUES
  (11, 1, 1, NULL, NULL, 1),
  (11, 2, 2, 'تتحمل تكلفة التكوين والمواكبة.', 'Prend en charge le coût de la formation et de l''accompagnement.', 1),
  (11, 3, 3, 'تنظيم لقاءات وأنشطة علمية حول الموضوع.', 'Organisation de rencontres et d''activités scientifiques sur le sujet.', 1),
  (12, 1, 1, NULL, NULL, 1),
  (12, 2, 2, 'تتحمل تكلفة التكوين والمواكبة.', 'Prend en charge le coût de la formation et de l''accompagnement.', 1),
  (12, 5, 3, 'التتبع والمواكبة', 'Suivi et accompagnement', 0),
  (13, 1, 1, 'تتحمل المديرية تكاليف ادماج الجماعة بالمنصات الرقمية الجماعية وتكوين الموظفين المعنيين.',
             'La Direction prend en charge les coûts d''intégration de la commune aux plateformes numériques communales et la formation des fonctionnaires concernés.', 1),
  (13, 5, 2, 'التتبع والمواكبة', 'Suivi et accompagnement', 0),
  (14, 6, 1, NULL, NULL, 1),
  (14, 2, 2, NULL, NULL, 1),
  (14, 5, 3, 'فضاء الاستقبال.', 'Espace d''accueil.', 0);

-- The matrix (003 lines 398-410): 12 activities.
INSERT INTO activities (id, project_id, number, title_ar, title_fr, cost_centimes, cost_text_ar, cost_text_fr,
                        funding_ar, funding_fr, funding_partner_id, date_start, date_end) VALUES
  (111, 11, 1, 'نشر مواد رقمية تفاعلية تحسيسية حول الميزانية التشاركية',
        'Publier des contenus numériques interactifs de sensibilisation sur le budget participatif',
        NULL, '-', '-', 'ذاتي', 'Autofinancement', NULL, '2024-01-01', '2024-12-31'),
  (112, 11, 2, 'التعريف بأهمية الميزانية التشاركية: تنظيم لقاءات مع الطلبة والتلاميذ بالمؤسسات التعليمية، وبمختلف التظاهرات الثقافية بالجماعة، معارض مهرجانات، اليوم العالمي للمهاجر',
        'Faire connaître l''importance du budget participatif : rencontres avec les étudiants et les élèves dans les établissements d''enseignement et lors des différentes manifestations culturelles de la commune, expositions, festivals, Journée internationale du migrant',
        NULL, '-', '-', 'ذاتي', 'Autofinancement', NULL, '2024-01-01', '2024-12-31'),
  (113, 11, 3, 'القيام بدورات تكوينية للمنتخبين والموظفين المعنيين',
        'Organiser des sessions de formation pour les élus et les fonctionnaires concernés',
        NULL, 'ستحدد من الجهة الملزمة بتنفيذ النشاط', 'Sera fixé par l''organisme chargé de la mise en œuvre de l''activité',
        'مؤسسة ENABEL', 'Enabel', 2, '2024-01-01', '2024-12-31'),
  (114, 11, 4, 'إعداد وتنفيذ برنامج خاص بإعداد وتنفيذ وتتبع وتقييم الميزانية التشاركية',
        'Préparer et mettre en œuvre un programme dédié à la préparation, à la mise en œuvre, au suivi et à l''évaluation du budget participatif',
        NULL, 'ستحدد من الجهة الملزمة بتنفيذ النشاط', 'Sera fixé par l''organisme chargé de la mise en œuvre de l''activité',
        'مؤسسة ENABEL', 'Enabel', 2, '2024-01-01', '2024-12-31'),
  (121, 12, 1, 'إعداد فضاء إلكتروني خاص بهيئة المساواة وتكافؤ الفرص ومقاربة النوع بالبوابة الالكترونية للجماعة',
        'Créer un espace électronique dédié à l''instance de l''équité, de l''égalité des chances et de l''approche genre sur le portail électronique de la commune',
        NULL, '-', '-', 'ذاتي', 'Autofinancement', NULL, '2024-01-01', '2024-12-31'),
  (122, 12, 2, 'تنظيم دورات تكوينية للهيئة', 'Organiser des sessions de formation pour l''instance',
        NULL, 'ستحدد من الجهة الملزمة بتنفيذ النشاط', 'Sera fixé par l''organisme chargé de la mise en œuvre de l''activité',
        'مؤسسة ENABEL', 'Enabel', 2, '2024-01-01', '2024-12-31'),
  (123, 12, 3, 'تخصيص مكتب للهيئة', 'Affecter un bureau à l''instance',
        NULL, '-', '-', 'ذاتي', 'Autofinancement', NULL, '2024-01-01', '2024-12-31'),
  (124, 12, 4, 'مواكبة الهيئة لإصدار آراء استشارية', 'Accompagner l''instance dans l''émission d''avis consultatifs',
        NULL, 'ستحدد من الجهة الملزمة بتنفيذ النشاط', 'Sera fixé par l''organisme chargé de la mise en œuvre de l''activité',
        'مؤسسة ENABEL', 'Enabel', 2, '2024-01-01', '2025-12-31'),
  (131, 13, 1, 'تعميم استعمال المنصات الرقمية الرسمية في تدبير مصالح الجماعة',
        'Généraliser l''utilisation des plateformes numériques officielles dans la gestion des services de la commune',
        NULL, '-', '-', 'ذاتي', 'Autofinancement', NULL, '2024-01-01', '2025-12-31'),
  (132, 13, 2, 'القيام بحملات تحسيسية حول الخدمات الرقمية التي توفرها الجماعة للمواطنين',
        'Mener des campagnes de sensibilisation sur les services numériques offerts par la commune aux citoyens',
        NULL, '-', '-', 'ذاتي', 'Autofinancement', NULL, '2024-01-01', '2024-12-31'),
  (141, 14, 1, 'عقد لقاءات تواصلية دورية بين مختلف الفاعلين المحليين',
        'Tenir des rencontres de communication périodiques entre les différents acteurs locaux',
        NULL, '-', '-', 'ذاتي', 'Autofinancement', NULL, '2024-01-01', '2025-12-31'),
  (142, 14, 2, 'نشر التقييم السنوي لبرنامج عمل الجماعة', 'Publier l''évaluation annuelle du programme d''action de la commune',
        NULL, '-', '-', 'ذاتي', 'Autofinancement', NULL, '2024-01-01', '2025-12-31');

INSERT INTO activity_partners (activity_id, partner_id, position) VALUES
  (111, 1, 1),
  (112, 3, 1),
  (113, 1, 1), (113, 2, 2),
  (114, 1, 1), (114, 2, 2),
  (121, 4, 1),
  (122, 1, 1), (122, 2, 2),
  (123, 5, 1),
  (124, 1, 1), (124, 2, 2),
  (131, 1, 1),
  (132, 1, 1),
  (141, 2, 1), (141, 6, 2),
  (142, 1, 1);

-- Figures (003 lines 289-392).
-- Event 11 "الورشة الأولى": 43 participants, 22 women, 11 equality-body members, 14 ideas by axis.
-- Event 12 digital participation: 17 ideas by axis (total of both channels printed: 31).
-- Event 13 consultation workshop on the draft: 16 ideas by project.
INSERT INTO events (id, program_id, milestone_id, kind, channel, title_ar, title_fr, date_start, date_end, date_precision,
                    time_start, place_ar, place_fr, description_ar, description_fr,
                    participants, women, associations, equality_body_members, proposals_total) VALUES
  (11, 1, 104, 'co-preparation-workshop', 'workshop', 'الورشة الأولى', 'Premier atelier',
       '2023-05-17', NULL, 'day', NULL, NULL, NULL,
       'تنظيم اللقاء التشاوري حول برنامج عمل الانفتاح بجماعة سطات',
       'Organisation de la rencontre consultative sur le plan d''action d''ouverture de la commune de Settat',
       43, 22, NULL, 11, 14),
  (12, 1, 105, 'digital-call', 'platform', 'المشاركة الرقمية', 'Participation numérique',
       '2023-06-09', '2023-06-14', 'range', NULL, NULL, NULL,
       'تم فتح الفضاء الإلكتروني الخاص بجماعة سطات في الموقع الإلكتروني للشبكة المغربية للجماعات الترابية المنفتحة، من أجل تلقي الاقتراحات والأفكار حول المحاور الأربعة التالية: الرقمنة. الميزانية التشاركية. تقوية دور هيئة المساواة وتكافؤ الفرص ومقاربة النوع. خلق آلية دائمة للتحاور. وذلك ابتداء من يومه الجمعة 09 يونيو 2023 إلى غاية يوم الأربعاء 14 يونيو 2023.',
       'L''espace électronique de la commune de Settat a été ouvert sur le site du Réseau Marocain des Collectivités Territoriales Ouvertes pour recevoir propositions et idées sur les quatre axes suivants : digitalisation ; budget participatif ; renforcement du rôle de l''instance de l''équité, de l''égalité des chances et de l''approche genre ; création d''un mécanisme permanent de dialogue ; du vendredi 9 juin 2023 au mercredi 14 juin 2023.',
       NULL, NULL, NULL, NULL, 17),
  (13, 1, 108, 'consultation-workshop', 'workshop', 'ورشة التشاور حول مسودة برنامج الانفتاح', 'Atelier de consultation sur le projet de programme d''ouverture',
       '2023-07-06', NULL, 'day', NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, 16);

INSERT INTO event_proposal_counts (event_id, axis_id, project_id, channel, status, count) VALUES
  (11, 13, NULL, 'workshop', NULL, 5),   -- الرقمنة 05
  (11, 11, NULL, 'workshop', NULL, 4),   -- الميزانية التشاركية 04
  (11, 14, NULL, 'workshop', NULL, 3),   -- خلق آلية دائمة للتحاور 03
  (11, 12, NULL, 'workshop', NULL, 2),   -- هيئة المساواة وتكافؤ الفرص ومقاربة النوع 02
  (12, 13, NULL, 'platform', NULL, 9),
  (12, 11, NULL, 'platform', NULL, 1),
  (12, 14, NULL, 'platform', NULL, 5),
  (12, 12, NULL, 'platform', NULL, 2),
  (13, NULL, 13, 'workshop', NULL, 6),   -- تعميم رقمنة الخدمات والمصالح الجماعية 06
  (13, NULL, 14, 'workshop', NULL, 2),   -- خلق آلية دائمة للتحاور 02
  (13, NULL, 11, 'workshop', NULL, 4),   -- اعتماد الميزانية التشاركية في الميزانيات السنوية 04
  (13, NULL, 12, 'workshop', NULL, 4);   -- تقوية دور هيئة المساواة ... 04
