-- 03_taroudant.sql — Taroudant's draft openness programme 2024-2025 (seed 004, the deck
-- "مشروع برنامج انفتاح جماعة تارودانت 2024-2025", made after 6 Sept 2023: it shows the award).
--
-- Reading notes:
-- * EIGHT project slides, each with its budget: 20 000 + 25 000 + 100 000 + 50 000 + 200 000
--   + 60 000 + 20 000 + 20 000 = 495 000,00 DH, the total the deck prints. (The issue text
--   says 7 projects; with 7 the printed total cannot be reached, so all 8 are stored.)
-- * Projects are not numbered on the slides: numbered 1..8 in slide order. The axis of each
--   comes from the slide's label (".I محور التواصل" ... ".IV محور تدبير الزمن الاداري").
-- * Axis titles: the axes slide prints "التواصل، الرقمنة الإدارية، تدبير المخاطر، تدبير الزمن";
--   the project slides "محور الرقمنة" and "محور تدبير الزمن الاداري". The fuller form is kept.
-- * Each slide's header reads "النتائج المنتظرة | أهداف المشروع" (two columns); the extraction
--   gives the left column (expected results) first, then the right one (objectives): on
--   slides 1 and 3 the first block starts "من المتوقع أن..." which confirms the order. The same
--   reading is applied to every slide. Bullets (▪) are list items; a prose block is one item.
-- * Title and slogan: the "❖" line is "name: slogan" (or "name - slogan"); slide 4 reads
--   'تارودانت - تحفة تاريخية متراصة بين أحضان الجبال "أنسجة الماضي بخيوط الحاضر"', stored as
--   title before the quotation and the quoted words as slogan.
-- * Activities (✓ lines) have no cost, funding or dates of their own on the slides: NULL.
--   Partners are given per project, not per activity.
-- * Words displaced by the extraction are put back (e.g. "(تكافؤ" at the head of a line,
--   "تطوير" at the head of "تنظيم لقاءات تواصلية مع المواطنين حول تطوير الخدمات الجماعية").
-- * Province is not named in the documents: NULL.

INSERT INTO communes (id, slug, name_ar, name_fr, region_ar, region_fr, province_ar, province_fr, joined_on,
                      platform_ref, platform_url, is_sandbox)
VALUES (2, 'taroudant', 'جماعة تارودانت', 'Commune de Taroudant',
        -- "لقاء تواصلي حول البرنامج بمقر ولاية جهة سوس ماسة"
        'جهة سوس ماسة', 'Région Souss-Massa', NULL, NULL, NULL, NULL, NULL, 0);

-- "ملحوظة هامة" of the budget slide; "المدعة" is extraction damage for "المدعمة".
INSERT INTO programs (id, commune_id, period, title_ar, title_fr, status, adoption_session_ar, adoption_session_fr,
                      adopted_on, decision_ref, total_budget_centimes, notes_ar, notes_fr)
VALUES (2, 2, '2024-2025',
        'برنامج انفتاح جماعة تارودانت 2024-2025', 'Programme d''ouverture de la commune de Taroudant 2024-2025',
        'draft', NULL, NULL, NULL, NULL,
        49500000,
        'كل هذه الأنشطة سوف يتم تنزيلها في إطار ميزانية التسيير للجماعة بشراكة مع المنظمات والجمعيات المدعمة من طرف الجماعة.',
        'Toutes ces activités seront réalisées dans le cadre du budget de fonctionnement de la commune, en partenariat avec les organisations et associations soutenues par la commune.');

-- Timeline slide "البرنامج الخاص بالإعداد المشترك لبرنامج انفتاح جماعة تارودانت" (004 lines 91-147).
-- "أبريل-ماي-يونيو 2023" is a range of months. The last step (23 Oct 2023, presentation to the
-- council's committee) is after the deck was made: stored as planned (done = 0).
INSERT INTO milestones (id, program_id, position, kind, title_ar, title_fr, place_ar, place_fr, date_start, date_end, date_precision, done) VALUES
  (201, 2, 1, 'communication-meeting', 'لقاء تواصلي حول البرنامج بمقر ولاية جهة سوس ماسة',
       'Réunion de communication sur le programme au siège de la wilaya de la région Souss-Massa',
       'مقر ولاية جهة سوس ماسة', 'Siège de la wilaya de la région Souss-Massa', '2023-01-03', NULL, 'day', 1),
  (202, 2, 2, 'co-preparation-workshop', 'تنظيم الدورة الأولى للإعداد المشترك ولبرنامج عمل الانفتاح',
       'Organisation de la première session de co-construction du plan d''action d''ouverture', NULL, NULL, '2023-03-02', NULL, 'day', 1),
  (203, 2, 3, 'digital-call', 'اللقاء التشاوري الرقمية لجمع الأفكار ومشاريع الانفتاح',
       'Consultation numérique pour recueillir les idées et les projets d''ouverture', NULL, NULL, '2023-04', '2023-06', 'range', 1),
  (204, 2, 4, 'committee-created', 'تكوين لجنة مؤقتة حول إعداد وتنفيد وتتبع وتقييم برنامج الانفتاح',
       'Constitution d''un comité provisoire pour la préparation, la mise en œuvre, le suivi et l''évaluation du programme d''ouverture', NULL, NULL, '2023-07-08', NULL, 'day', 1),
  (205, 2, 5, 'co-preparation-workshop', 'تنظيم الورشة الثانية للإعداد المشترك لبرنامج عمل الجماعة',
       'Organisation du deuxième atelier de co-construction du plan d''action de la commune', NULL, NULL, '2023-07-24', NULL, 'day', 1),
  (206, 2, 6, 'committee-meeting', 'عقد لقاءات لجنة إعداد البرنامج وجمع مقترحات المشاريع',
       'Réunions du comité de préparation du programme et collecte des propositions de projets', NULL, NULL, '2023-08', NULL, 'month', 1),
  (207, 2, 7, 'draft', 'صياغة مشاريع الانفتاح', 'Rédaction des projets d''ouverture', NULL, NULL, '2023-09', NULL, 'month', 1),
  (208, 2, 8, 'standing-committee', 'عرض برنامج على اللجنة المختصة بالمجلس قصد الدراسة والمصادقة',
       'Présentation du programme à la commission compétente du conseil pour examen et adoption', NULL, NULL, '2023-10', NULL, 'month', 0);

INSERT INTO axes (id, program_id, number, title_ar, title_fr) VALUES
  (21, 2, 1, 'التواصل', 'Communication'),
  (22, 2, 2, 'الرقمنة الإدارية', 'Digitalisation administrative'),
  (23, 2, 3, 'تدبير المخاطر', 'Gestion des risques'),
  (24, 2, 4, 'تدبير الزمن الإداري', 'Gestion du temps administratif');

INSERT INTO projects (id, program_id, axis_id, number, title_ar, title_fr, slogan_ar, slogan_fr, duration_ar, duration_fr, date_start, date_end, budget_centimes) VALUES
  (21, 2, 21, 1, 'المنصة التشاورية تارودانت', 'Plateforme consultative de Taroudant',
       'جسر التواصل والابتكار والشراكة لتحقيق التنمية الشاملة والمستدام',
       'Un pont de communication, d''innovation et de partenariat pour un développement global et durable',
       NULL, NULL, '2024-01-01', '2025-12-31', 2000000),
  (22, 2, 21, 2, 'إحداث مجلس الشباب', 'Création du conseil des jeunes',
       'شراكة فاعلة لتحقيق طموحات الشباب في جماعة تارودانت',
       'Un partenariat actif pour réaliser les aspirations des jeunes de la commune de Taroudant',
       NULL, NULL, '2024-01-01', '2025-12-31', 2500000),
  (23, 2, 21, 3, 'التميز في الاستقبال الإداري', 'L''excellence dans l''accueil administratif',
       'جماعة تارودانت نحو الارتقاء بالخدمات العامة',
       'La commune de Taroudant vers l''amélioration des services publics',
       NULL, NULL, '2024-01-01', '2025-12-31', 10000000),
  (24, 2, 21, 4, 'تارودانت - تحفة تاريخية متراصة بين أحضان الجبال', 'Taroudant, joyau historique blotti au creux des montagnes',
       'أنسجة الماضي بخيوط الحاضر', 'Les tissus du passé aux fils du présent',
       NULL, NULL, '2024-01-01', '2025-12-31', 5000000),
  (25, 2, 22, 5, 'ترقية مجتمعنا الرقمي', 'Promouvoir notre société numérique',
       'خدمات جماعية مبتكرة ومتميزة في جماعة تارودانت',
       'Des services communaux innovants et d''excellence dans la commune de Taroudant',
       NULL, NULL, '2024-01-01', '2025-12-31', 20000000),
  (26, 2, 22, 6, 'تارودانت المتصلة', 'Taroudant connectée',
       'إنشاء بنية إنترنت عمومية تعزز من الرقمنة والتواصل الحديث',
       'Créer une infrastructure Internet publique qui renforce la digitalisation et la communication moderne',
       NULL, NULL, '2024-01-01', '2025-12-31', 6000000),
  (27, 2, 23, 7, 'شراكة إبداعية', 'Un partenariat créatif',
       'المجتمع المدني شريكاً في تدبير المخاطر وتحديد الأولويات',
       'La société civile, partenaire dans la gestion des risques et la définition des priorités',
       NULL, NULL, '2024-01-01', '2025-12-31', 2000000),
  (28, 2, 24, 8, 'المسار الإداري المخصص', 'Le parcours administratif dédié',
       'إدارة سريعة ومُيسّرة للأشخاص ذوي الإعاقة في جماعة تارودانت',
       'Une administration rapide et facilitée pour les personnes en situation de handicap dans la commune de Taroudant',
       NULL, NULL, '2024-01-01', '2025-12-31', 2000000);

-- Right column "أهداف المشروع".
INSERT INTO project_objectives (project_id, position, text_ar, text_fr) VALUES
  (21, 1, 'التواصل والتعاون بين الجماعة الترابية والمجتمع المدني.', 'La communication et la coopération entre la collectivité territoriale et la société civile.'),
  (21, 2, 'الحوار المستمر بين ممثلي الجماعة وجمعيات المجتمع المدني والمواطنين.', 'Le dialogue continu entre les représentants de la commune, les associations de la société civile et les citoyens.'),
  (22, 1, 'تأسيس مجلس الشباب كآلية تشاركية تفاعلية تهدف إلى تسهيل مساهمة الشباب في تحديد احتياجاتهم ومشاركتهم في وضع برامج التنمية وتنفيذها. يجب أن يكون المجلس منصة تشاورية تجمع بين ممثلي الشباب ومجلس الجماعة والمؤسسات المدنية، وتسهل التواصل والحوار بينهم للتركيز على قضايا واهتمامات الشباب. بالإضافة إلى ذلك، يجب تقديم التدريب والتكوين لأعضاء مجلس الشباب لتمكينهم من أداء دورهم بفاعلية وتطوير مهاراتهم في مجالات التخطيط والتنظيم والاتصال.',
          'Créer le conseil des jeunes comme mécanisme participatif et interactif facilitant la contribution des jeunes à l''identification de leurs besoins et leur participation à l''élaboration et à la mise en œuvre des programmes de développement. Le conseil doit être une plateforme consultative réunissant les représentants des jeunes, le conseil de la commune et les institutions civiles, et faciliter la communication et le dialogue entre eux autour des questions et préoccupations des jeunes. En outre, il faut assurer la formation des membres du conseil des jeunes pour leur permettre de jouer leur rôle efficacement et de développer leurs compétences en planification, organisation et communication.'),
  (23, 1, 'تحسين الاستقبال الإداري وتسهيل إجراءات الخدمات العامة في جماعة تارودانت.', 'Améliorer l''accueil administratif et faciliter les procédures des services publics dans la commune de Taroudant.'),
  (23, 2, 'إنشاء نظام إلكتروني لتحديد مواعيد الزيارة والخدمات المطلوبة مسبقا لتجنب الازدحام وتحسين التنظيم.', 'Mettre en place un système électronique de prise de rendez-vous pour les visites et les services demandés à l''avance, afin d''éviter l''affluence et d''améliorer l''organisation.'),
  (23, 3, 'تحسين فضاء وقوف السيارات والدراجات النارية.', 'Améliorer l''espace de stationnement des voitures et des motocyclettes.'),
  (23, 4, 'توفير فضاء انتظار منظم ومريح للمرتفقين والمواطنين.', 'Offrir un espace d''attente organisé et confortable aux usagers et aux citoyens.'),
  (24, 1, 'يهدف المشروع إلى تحويل المدينة إلى وجهة سياحية مبتكرة وممتعة تستقطب الزوار من مختلف الأعمار والثقافات وذلك من خلال الاجراءات التالية: البحث والتوثيق - التشوير الدقيق واللافتات التفاعلية - خريطة المسار التاريخي - الدليل السياحي - التقنيات الحديثة - الإعلان والتسويق - إنشاء محتوى رقمي جذاب.',
          'Le projet vise à faire de la ville une destination touristique innovante et agréable attirant des visiteurs de tous âges et de toutes cultures, par les actions suivantes : recherche et documentation - signalétique précise et panneaux interactifs - carte du parcours historique - guide touristique - techniques modernes - publicité et marketing - création d''un contenu numérique attrayant.'),
  (25, 1, 'اعتماد تطبيقات التدبير الرقمي للخدمات الأساسية', 'Adopter des applications de gestion numérique des services de base'),
  (25, 2, 'تطوير نظام لمعالجة الشكايات', 'Développer un système de traitement des réclamations'),
  (25, 3, 'تحسين التواصل والتحسيس', 'Améliorer la communication et la sensibilisation'),
  (26, 1, 'تحسين بنية الإنترنت وتوفير اتصالات سريعة وموثوقة في جماعة تارودانت من خلال طلب تركيب أبراج إرسال إنترنت عالية السرعة والجودة وتحديث الألياف البصرية.',
          'Améliorer l''infrastructure Internet et offrir des connexions rapides et fiables dans la commune de Taroudant en demandant l''installation d''antennes Internet à haut débit et de qualité et la modernisation de la fibre optique.'),
  (26, 2, 'توفير خدمة الواي فاي العام في الأماكن العامة والحيوية تعزيز للتواصل الرقمي من خلال تثبيت نقاط وصول للواي فاي في المناطق العامة والأماكن الحيوية مثل الساحات والحدائق والمكتبات والمحطات والمركبات الثقافية ودور الأحياء.',
          'Offrir un service Wi-Fi public dans les lieux publics et fréquentés pour renforcer la communication numérique, en installant des points d''accès Wi-Fi dans les espaces publics et les lieux fréquentés tels que les places, les jardins, les bibliothèques, les gares, les complexes culturels et les maisons de quartier.'),
  (27, 1, 'تحسين جودة الخدمات العامة المقدمة للمواطنين.', 'Améliorer la qualité des services publics rendus aux citoyens.'),
  (27, 2, 'تدبير المخاطر وتحديد الأولويات بشكل مبتكر ومستدام.', 'Gérer les risques et définir les priorités de manière innovante et durable.'),
  (27, 3, 'تفعيل دور المجتمع المدني كشريك مؤثر في هذه العملية وتحقيق تنمية مستدامة.', 'Activer le rôle de la société civile comme partenaire influent dans ce processus et réaliser un développement durable.'),
  (28, 1, 'وضع حل مبتكر يساهم في تسهيل إجراءات التواصل والحصول على الخدمات والمرافق المطلوبة للأشخاص ذوي الإعاقة في جماعة تارودانت.',
          'Mettre en place une solution innovante facilitant les démarches de communication et l''accès aux services et équipements nécessaires aux personnes en situation de handicap dans la commune de Taroudant.');

-- Left column "النتائج المنتظرة".
INSERT INTO project_expected_results (project_id, position, text_ar, text_fr) VALUES
  (21, 1, 'من خلال تنفيذ هذا المشروع، من المتوقع أن يتحسن التواصل والتعاون بين الجماعة والمجتمع المدني بشكل كبير. ستسهم المنصة التشاورية في تحقيق تطوير مجتمعي شامل وتعزيز فعالية صنع القرارات وتلبية احتياجات ومتطلبات المجتمع المدني بشكل أفضل. كما ستعمل هذه المنصة على تعزيز ثقافة الشراكة بين الجماعة والمجتمع المدني، وبالتالي تحسين جودة الخدمات الجماعية والتطور المستدام في جماعة تارودانت.',
          'Grâce à ce projet, la communication et la coopération entre la commune et la société civile devraient s''améliorer nettement. La plateforme consultative contribuera à un développement communautaire global, à une prise de décision plus efficace et à une meilleure réponse aux besoins et attentes de la société civile. Elle renforcera aussi la culture du partenariat entre la commune et la société civile, et donc la qualité des services communaux et le développement durable de la commune de Taroudant.'),
  (22, 1, 'تعزيز دور الشباب في تحديد احتياجاتهم وتحقيق طموحاتهم في جماعة تارودانت.', 'Renforcer le rôle des jeunes dans l''identification de leurs besoins et la réalisation de leurs aspirations dans la commune de Taroudant.'),
  (22, 2, 'تعزيز التواصل والحوار بين الشباب ومجلس الجماعة والمؤسسات المحلية لتحقيق التنمية المستدامة.', 'Renforcer la communication et le dialogue entre les jeunes, le conseil de la commune et les institutions locales pour un développement durable.'),
  (22, 3, 'تعزيز ثقافة الشراكة بين جميع الأطراف لتحقيق مصلحة الجماعة والشباب.', 'Renforcer la culture du partenariat entre toutes les parties dans l''intérêt de la commune et des jeunes.'),
  (23, 1, 'من المتوقع أن يسفر تنفيذ مشروع التميز في الاستقبال الإداري: جماعة تارودانت نحو الارتقاء بالخدمات العامة عن تحسين تجربة المواطنين والمرتفقين، تسهيل إجراءات الخدمات العامة، زيادة الرضا والثقة بالجماعة، وتعزيز التواصل والشراكة مع المجتمع المحلي. كما سيؤدي التحسين في مهارات الموظفين وتوفير المرافق الصحية الملائمة إلى تلبية احتياجات الأفراد ذوي الإعاقة وتحسين جودة الخدمات المقدمة بشكل عام.',
          'Le projet « L''excellence dans l''accueil administratif » devrait améliorer l''expérience des citoyens et des usagers, faciliter les démarches des services publics, accroître la satisfaction et la confiance envers la commune et renforcer la communication et le partenariat avec la population locale. L''amélioration des compétences du personnel et la mise à disposition de sanitaires adaptés répondront aux besoins des personnes en situation de handicap et amélioreront la qualité des services en général.'),
  (24, 1, 'تعزيز الجذب السياحي للمدينة وزيادة عدد السياح الوافدين إليها. ومن خلال التركيز على الابتكار والإبداع في التشوير وعرض التراث المادي واللامادي بشكل دقيق وجذاب، يمكن أن تحقق المدينة المزيد من الفوائد والنتائج الإيجابية، ومن بينها: زيادة عدد السياح - تحسين تجربة السياح - تنشيط الاقتصاد المحلي - حفظ التراث الثقافي والتاريخي - تعزيز الوعي الثقافي',
          'Renforcer l''attractivité touristique de la ville et augmenter le nombre de touristes. En misant sur l''innovation et la créativité dans la signalétique et la présentation précise et attrayante du patrimoine matériel et immatériel, la ville peut obtenir davantage de retombées positives, dont : hausse du nombre de touristes - meilleure expérience des touristes - dynamisation de l''économie locale - préservation du patrimoine culturel et historique - renforcement de la conscience culturelle'),
  (25, 1, 'تحسين جودة خدمات وبرامج الجماعة الترابية.', 'Améliorer la qualité des services et des programmes de la collectivité territoriale.'),
  (25, 2, 'تعزيز الثقة بين المواطن والجماعة الترابية.', 'Renforcer la confiance entre le citoyen et la collectivité territoriale.'),
  (25, 3, 'جعل المواطن شريكاً في تحديد الاحتياجات وإيجاد الحلول', 'Faire du citoyen un partenaire dans l''identification des besoins et la recherche de solutions'),
  (26, 1, 'تعزيز التحول الرقمي في جماعة تارودانت وتحسين جودة الحياة الرقمية للمواطنين.', 'Renforcer la transformation numérique de la commune de Taroudant et améliorer la qualité de la vie numérique des citoyens.'),
  (26, 2, 'تمكين المواطنين والمؤسسات من الوصول السهل والفاعل إلى الخدمات الحكومية والمعلومات الضرورية عبر الإنترنت.', 'Permettre aux citoyens et aux institutions d''accéder facilement et efficacement aux services publics et aux informations nécessaires en ligne.'),
  (26, 3, 'توفير خدمة الواي فاي العام في الأماكن العامة والحيوية لتعزيز التواصل الرقمي.', 'Offrir un service Wi-Fi public dans les lieux publics et fréquentés pour renforcer la communication numérique.'),
  (26, 4, 'تعزيز ثقافة الشراكة بين جميع الأطراف لتحقيق مصلحة الجماعة والشباب.', 'Renforcer la culture du partenariat entre toutes les parties dans l''intérêt de la commune et des jeunes.'),
  (27, 1, 'تعزيز دور المجتمع المدني في تحديد وتقييم المخاطر الرئيسية والتحديات المحتملة التي تواجه الجماعة.', 'Renforcer le rôle de la société civile dans l''identification et l''évaluation des principaux risques et défis potentiels auxquels la commune fait face.'),
  (27, 2, 'تحقيق توافق بين الجماعة والمجتمع المدني في تحديد الأولويات الاستراتيجية وتخصيص الموارد بشكل فعال.', 'Parvenir à un consensus entre la commune et la société civile sur les priorités stratégiques et l''affectation efficace des ressources.'),
  (27, 3, 'تعزيز التفاعل المجتمعي والشفافية في عملية تدبير المخاطر واتخاذ القرارات.', 'Renforcer l''interaction sociale et la transparence dans la gestion des risques et la prise de décision.'),
  (27, 4, 'تشجيع الابتكار والإبداع في تطوير الحلول والسياسات العمومية لتحسين أداء الجماعة وتحقيق التنمية المستدامة.', 'Encourager l''innovation et la créativité dans l''élaboration de solutions et de politiques publiques pour améliorer la performance de la commune et réaliser un développement durable.'),
  (28, 1, 'تسهيل وتسريع إجراءات الخدمات للأشخاص ذوي الإعاقة.', 'Faciliter et accélérer les démarches pour les personnes en situation de handicap.'),
  (28, 2, 'تحسين تجربتهم وتوفير الدعم المخصص لهم.', 'Améliorer leur expérience et leur offrir un accompagnement dédié.'),
  (28, 3, 'تقليل التأخير والإجراءات الزائدة.', 'Réduire les délais et les démarches superflues.'),
  (28, 4, 'تعزيز المشاركة والمساواة في العمليات الإدارية.', 'Renforcer la participation et l''égalité dans les démarches administratives.');

-- "وكالة التنمية البلجيكية" is the Belgian development agency (Enabel); kept under the name the
-- document uses, as its own partner row, with the identity given in French.
INSERT INTO partners (id, name_ar, name_fr, short_name, description_ar, description_fr) VALUES
  (7, 'جماعة تارودانت', 'Commune de Taroudant', NULL, NULL, NULL),
  (8, 'وكالة التنمية البلجيكية', 'Agence belge de développement (Enabel)', NULL, NULL, NULL),
  (9, 'هيئة تكافؤ الفرص', 'Instance de l''égalité des chances', NULL, NULL, NULL),
  (10, 'جمعيات المجتمع المدني', 'Associations de la société civile', NULL, NULL, NULL),
  (11, 'المجلس الإقليمي للسياحة', 'Conseil provincial du tourisme', NULL, NULL, NULL);

INSERT INTO project_partners (project_id, partner_id, position, contribution_ar, contribution_fr, listed) VALUES
  (21, 7, 1, NULL, NULL, 1), (21, 8, 2, NULL, NULL, 1), (21, 9, 3, NULL, NULL, 1), (21, 10, 4, NULL, NULL, 1),
  (22, 7, 1, NULL, NULL, 1), (22, 8, 2, NULL, NULL, 1), (22, 9, 3, NULL, NULL, 1), (22, 10, 4, NULL, NULL, 1),
  (23, 7, 1, NULL, NULL, 1), (23, 9, 2, NULL, NULL, 1), (23, 10, 3, NULL, NULL, 1),
  (24, 7, 1, NULL, NULL, 1), (24, 9, 2, NULL, NULL, 1), (24, 11, 3, NULL, NULL, 1), (24, 10, 4, NULL, NULL, 1),
  (25, 7, 1, NULL, NULL, 1), (25, 9, 2, NULL, NULL, 1), (25, 10, 3, NULL, NULL, 1),
  (26, 7, 1, NULL, NULL, 1), (26, 9, 2, NULL, NULL, 1), (26, 10, 3, NULL, NULL, 1),
  (27, 7, 1, NULL, NULL, 1), (27, 8, 2, NULL, NULL, 1), (27, 9, 3, NULL, NULL, 1), (27, 10, 4, NULL, NULL, 1),
  (28, 7, 1, NULL, NULL, 1), (28, 9, 2, NULL, NULL, 1), (28, 10, 3, NULL, NULL, 1);

INSERT INTO activities (id, project_id, number, title_ar, title_fr) VALUES
  (211, 21, 1, 'قرار جماعي لإحداث المنصة التشاورية.', 'Arrêté communal de création de la plateforme consultative.'),
  (212, 21, 2, 'تعيين ممثلي الآليات التشاورية لدى جماعة تارودانت (تكافؤ الفرص، الفضاء التشاوري، تشبيك الشباب، تشبيك النساء...).',
        'Désignation des représentants des mécanismes consultatifs de la commune de Taroudant (égalité des chances, espace consultatif, réseau des jeunes, réseau des femmes...).'),
  (213, 21, 3, 'تنظيم دورات تكوينية.', 'Organisation de sessions de formation.'),
  (214, 21, 4, 'تنظيم زيارات للهيئات المماثلة على الصعيد الوطني.', 'Organisation de visites auprès d''instances similaires au niveau national.'),
  (221, 22, 1, 'قرار احداث الاشراف على تكوين مجلس الشباب.', 'Arrêté de création et supervision de la constitution du conseil des jeunes.'),
  (222, 22, 2, 'تحديد معايير الانتماء إلى مجلس الشباب.', 'Définition des critères d''adhésion au conseil des jeunes.'),
  (223, 22, 3, 'نشر اعلان عمومي حول رغبة الانتماء إلى مجلس الشباب.', 'Publication d''un avis public d''appel à candidatures pour le conseil des jeunes.'),
  (224, 22, 4, 'هيكلة مجلس الشباب.', 'Structuration du conseil des jeunes.'),
  (225, 22, 5, 'تنظيم دورات تكوينية للمجلس.', 'Organisation de sessions de formation pour le conseil.'),
  (231, 23, 1, 'تحسين الفضاء العام للاستقبال.', 'Amélioration de l''espace général d''accueil.'),
  (232, 23, 2, 'انشاء نظام لتحديد مواعيد الزيارات والخدمات.', 'Mise en place d''un système de rendez-vous pour les visites et les services.'),
  (233, 23, 3, 'توفير فضاء انتظار منظم ومريح للمرتفقين.', 'Aménagement d''un espace d''attente organisé et confortable pour les usagers.'),
  (234, 23, 4, 'تنظيم اللقاءات التواصلية.', 'Organisation de rencontres de communication.'),
  (235, 23, 5, 'انجاز كبسولات تواصلية.', 'Réalisation de capsules de communication.'),
  (241, 24, 1, 'خلق وسائل تواصلية حديثة للتعريف بالمدينة.', 'Création de supports de communication modernes pour faire connaître la ville.'),
  (242, 24, 2, 'انجاز دلائل تعريفية بالمدينة.', 'Réalisation de guides de présentation de la ville.'),
  (243, 24, 3, 'انجاز المسار السياحي للمدينة.', 'Réalisation du circuit touristique de la ville.'),
  (244, 24, 4, 'انجاز لوحات تعريفية للمآثر التاريخية للمدينة.', 'Réalisation de panneaux de présentation des monuments historiques de la ville.'),
  (251, 25, 1, 'انشاء نظام الكتروني لتدبير الخدمات الجماعية', 'Mise en place d''un système électronique de gestion des services communaux'),
  (252, 25, 2, 'تطوير نظام معالجة الشكايات.', 'Développement du système de traitement des réclamations.'),
  (253, 25, 3, 'تنظيم لقاءات تواصلية مع المواطنين حول تطوير الخدمات الجماعية.', 'Organisation de rencontres de communication avec les citoyens sur le développement des services communaux.'),
  (261, 26, 1, 'توفير خدمات الانترنيت في الأماكن العامة.', 'Fourniture de services Internet dans les lieux publics.'),
  (262, 26, 2, 'توفير خدمات رقمية للمواطنين.', 'Fourniture de services numériques aux citoyens.'),
  (271, 27, 1, 'تنظيم لقاءات حول كيفية العمل على تحسين جودة الخدمات العامة المقدمة للمواطنين.', 'Organisation de rencontres sur les moyens d''améliorer la qualité des services publics rendus aux citoyens.'),
  (272, 27, 2, 'تدبير المخاطر وتحديد الأولويات بشكل مبتكر ومستدام.', 'Gestion des risques et définition des priorités de manière innovante et durable.'),
  (281, 28, 1, 'وضع حل مبتكر يساهم في تسهيل إجراءات التواصل والحصول على الخدمات والمرافق المطلوبة للأشخاص ذوي الإعاقة في جماعة تارودانت.',
        'Mise en place d''une solution innovante facilitant les démarches de communication et l''accès aux services et équipements nécessaires aux personnes en situation de handicap dans la commune de Taroudant.');

-- First stage of participation (004 lines 163-176): "الورشة الأولى المنعقدة يوم 02 مارس 2023",
-- "24 عدد التحديات والمقترحات". The chart's labels are extracted as
-- "تدبير الزمن تدبير المخاطر الرقمنة التواصل" and its values as the run-together "14622",
-- i.e. 14, 6, 2, 2 (the only split that sums to 24). They are paired by position, label n with
-- value n: time management 14, risk management 6, digitisation 2, communication 2.
-- The pairing is the most faithful reading of the extraction, not a certainty.
INSERT INTO events (id, program_id, milestone_id, kind, channel, title_ar, title_fr, date_start, date_end, date_precision,
                    time_start, place_ar, place_fr, description_ar, description_fr,
                    participants, women, associations, equality_body_members, proposals_total) VALUES
  (21, 2, 202, 'co-preparation-workshop', 'workshop', 'الورشة الأولى', 'Premier atelier',
       '2023-03-02', NULL, 'day', NULL, NULL, NULL,
       'المراحل الأولى من المشاركة المواطنة: عدد التحديات والمقترحات',
       'Premières étapes de la participation citoyenne : nombre de défis et de propositions',
       NULL, NULL, NULL, NULL, 24);

INSERT INTO event_proposal_counts (event_id, axis_id, project_id, channel, status, count) VALUES
  (21, 24, NULL, 'workshop', NULL, 14),
  (21, 23, NULL, 'workshop', NULL, 6),
  (21, 22, NULL, 'workshop', NULL, 2),
  (21, 21, NULL, 'workshop', NULL, 2);
