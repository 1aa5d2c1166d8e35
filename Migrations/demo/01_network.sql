-- 01_network.sql — the network, its principles and intended results, and its charter.
-- Sources: seeds 004 (network definition, award, counts), 003 (aim, 3 results, principles),
-- 001 (principles, results), 002 (charter, partnership agreement, counts).
-- Arabic kept as in the documents; only extraction damage is fixed (reversed or run-together
-- words, Persian-form letters ی/ھ of seed 002 normalised to ي/ه, broken lines rejoined).

INSERT INTO network (id, name_ar, name_fr, founded_on, regions_count, provincial_councils_count, communes_count,
                     program_name_ar, program_name_fr, description_ar, description_fr, aim_ar, aim_fr,
                     award_on, award_place_ar, award_place_fr, award_ar, award_fr)
VALUES (1,
  'الشبكة المغربية للجماعات الترابية المنفتحة',
  'Réseau Marocain des Collectivités Territoriales Ouvertes',
  -- 004: "وقد تأسست الشبكة بتاريخ 21 أكتوبر 2022، وتضم لحد الآن 12 جهة و4 مجالس إقليمية و50 جماعة" (also 002)
  '2022-10-21', 12, 4, 50,
  'برنامج دعم الجماعات الترابية المنفتحة',
  'Programme d''appui aux collectivités territoriales ouvertes',
  -- 004 "تعريف الشبكة"
  'تعتبر الشبكة المغربية فضاء للحوار وتبادل التجارب، من أجل تكريس مبادئ الانفتاح، والتي تتجلى في الشفافية والمساءلة والحق في الوصول إلى المعلومة والمشاركة المواطنة والرقمنة. ويأتي إحداث هذه الشبكة في إطار برنامج دعم الجماعات الترابية المنفتحة، الذي يتم تنفيذه بإشراف من المديرية العامة للجماعات الترابية بوزارة الداخلية وبشراكة مع جمعية جهات المغرب وجمعية إمباكت للتنمية.',
  'Le réseau marocain est un espace de dialogue et d''échange d''expériences pour consacrer les principes de l''ouverture : la transparence, la redevabilité, le droit d''accès à l''information, la participation citoyenne et la digitalisation. Il a été créé dans le cadre du programme d''appui aux collectivités territoriales ouvertes, mis en œuvre sous la supervision de la Direction Générale des Collectivités Territoriales du ministère de l''Intérieur, en partenariat avec l''Association des Régions du Maroc et l''association Impact pour le développement.',
  -- 003 line 46, 004 line 39
  'يهدف برنامج الجماعات الترابية المنفتحة إلى مأسسة مبادئ الانفتاح من أجل تنمية ترابية منفتحة، وتكريس الديمقراطية التشاركية والمشاركة المواطنة.',
  'Le programme des collectivités territoriales ouvertes vise à institutionnaliser les principes de l''ouverture pour un développement territorial ouvert, et à consacrer la démocratie participative et la participation citoyenne.',
  -- 004 lines 7-16
  '2023-09-06', 'تالين', 'Tallinn',
  'جائزة الشراكة من أجل الحكومة المنفتحة، مع "ميزة الشرف"، عن برنامج دعم الجماعات الترابية المنفتحة',
  'Prix du Partenariat pour un gouvernement ouvert (OGP), avec « mention d''honneur », pour le programme d''appui aux collectivités territoriales ouvertes');

INSERT INTO network_facts (id, position, date_start, date_precision, text_ar, text_fr) VALUES
  -- 002: "وقعت المديرية العامة للجماعات الترابية، في شهر يوليوز 2022، اتفاقية شراكة ..."
  (1, 1, '2022-07', 'month',
   'وقعت المديرية العامة للجماعات الترابية، في شهر يوليوز 2022، اتفاقية شراكة مع جمعية جهات المغرب وجمعية أمباكت للتنمية من أجل تنزيل البرنامج الوطني للجماعات الترابية المنفتحة.',
   'En juillet 2022, la Direction Générale des Collectivités Territoriales a signé une convention de partenariat avec l''Association des Régions du Maroc et l''association Impact pour le développement pour mettre en œuvre le programme national des collectivités territoriales ouvertes.'),
  -- 004, 002
  (2, 2, '2022-10-21', 'day',
   'تأسست الشبكة المغربية للجماعات الترابية المنفتحة بتاريخ 21 أكتوبر 2022.',
   'Le Réseau Marocain des Collectivités Territoriales Ouvertes a été fondé le 21 octobre 2022.'),
  -- 004 line 14-16: launched "نهاية سنة 2022" (no month given, so undated here)
  (3, 3, NULL, NULL,
   'أطلقت مبادرة برنامج دعم الجماعات الترابية المنفتحة (باكتو) من قبل المديرية العامة للجماعات الترابية نهاية سنة 2022، في إطار مهامها الخاصة بمواكبة الجماعات الترابية، بالشراكة مع جمعية "إمباكت" للتنمية وجمعية جهات المغرب.',
   'L''initiative du programme d''appui aux collectivités territoriales ouvertes (PACTO) a été lancée fin 2022 par la Direction Générale des Collectivités Territoriales, dans le cadre de sa mission d''accompagnement des collectivités territoriales, en partenariat avec l''association « Impact » pour le développement et l''Association des Régions du Maroc.'),
  -- 004 lines 7-12
  (4, 4, '2023-09-06', 'day',
   'فاز المغرب، يوم الأربعاء 6 شتنبر 2023، في تالين، بجائزة الشراكة من أجل الحكومة المنفتحة، مع "ميزة الشرف"، عن برنامج دعم الجماعات الترابية المنفتحة. جاء هذا التتويج خلال القمة الدولية الثامنة للشراكة من أجل الحكومة المنفتحة.',
   'Le mercredi 6 septembre 2023, à Tallinn, le Maroc a remporté le prix du Partenariat pour un gouvernement ouvert, avec « mention d''honneur », pour le programme d''appui aux collectivités territoriales ouvertes. Cette distinction a été décernée lors du huitième sommet mondial du Partenariat pour un gouvernement ouvert.');

-- Order and wording of 004 line 87 / 001 lines 56-64: "الحصول على المعلومة" (003 writes "الوصول الى المعلومة").
INSERT INTO network_principles (id, position, name_ar, name_fr, description_ar, description_fr) VALUES
  (1, 1, 'الشفافية والمساءلة', 'Transparence et redevabilité', NULL, NULL),
  (2, 2, 'الحصول على المعلومة', 'Accès à l''information', NULL, NULL),
  (3, 3, 'المشاركة المواطنة', 'Participation citoyenne', NULL, NULL),
  (4, 4, 'الرقمنة', 'Digitalisation', NULL, NULL);

-- The 3 results (003 lines 46-73, 004 lines 60-81, 002 charter); each with the sentence the
-- slides place under it. 002 writes "ورقمنة خدماتها" where 003/004 print "ورقمة" (typo).
INSERT INTO network_goals (id, position, text_ar, text_fr, detail_ar, detail_fr) VALUES
  (1, 1, 'تعزيز الثقة بين المواطن والجماعة الترابية',
         'Renforcer la confiance entre le citoyen et la collectivité territoriale',
         'من خلال آليات التواصل والشفافية والمساءلة والمشاركة المواطنة.',
         'Par des mécanismes de communication, de transparence, de redevabilité et de participation citoyenne.'),
  (2, 2, 'جعل المواطن شريكا في تحديد الاحتياجات وإيجاد الحلول',
         'Faire du citoyen un partenaire dans l''identification des besoins et la recherche de solutions',
         'العمل بتعاون وثيق مع المجتمع المدني الذي يعتبر الحليف الرئيسي لمواجهة تحديات التنمية المحلية.',
         'Travailler en étroite collaboration avec la société civile, considérée comme l''alliée principale pour relever les défis du développement local.'),
  (3, 3, 'تحسين جودة خدمات وبرامج الجماعة الترابية',
         'Améliorer la qualité des services et des programmes de la collectivité territoriale',
         'تحسين الخدمات العمومية من خلال إشراك المواطن في التعبير عن حاجياته الحقيقية والاستجابة لها، وكذا اعتماد الحلول التكنولوجية لتدبير الجماعة ورقمنة خدماتها.',
         'Améliorer les services publics en associant le citoyen à l''expression de ses besoins réels et en y répondant, et en adoptant des solutions technologiques pour la gestion de la commune et la digitalisation de ses services.');

-- Charter (seed 002, "ميثاق الشبكة المغربية للجماعات الترابية المنفتحة"): preamble ("ديباجة").
-- Item 4 is rejoined from lines 360-361 ("... في صلبها وترتكز على مبادئ الحكامة التشاركية
-- بهدف تحقيق تنمية محلية شاملة ومندمجة").
INSERT INTO charter_preamble (id, position, text_ar, text_fr) VALUES
  (1, 1, 'بناء على المبادئ التوجيهية الملكية السامية المتعلقة بتعبئة إمكانات الأمة وإشراك جميع مهاراتها من أجل تنفيذ النموذج التنموي الجديد للمغرب؛',
         'Sur la base des hautes orientations royales relatives à la mobilisation des potentialités de la nation et à l''implication de toutes ses compétences pour la mise en œuvre du nouveau modèle de développement du Maroc ;'),
  (2, 2, 'وفقاً لدستور المملكة والترسانة القانونية والتنظيمية الوطنية فيما يتعلق بتكريس مبادئ الشفافية والمساءلة والمشاركة المواطنة؛',
         'Conformément à la Constitution du Royaume et à l''arsenal juridique et réglementaire national relatif à la consécration des principes de transparence, de redevabilité et de participation citoyenne ;'),
  (3, 3, 'استنادا إلى أحكام القوانين التنظيمية للجماعات الترابية والقوانين والتنظيمات الأخرى التي تهدف إلى تعزيز مبادئ الشفافية والمسؤولية والمساءلة والديمقراطية التشاركية؛',
         'En vertu des dispositions des lois organiques relatives aux collectivités territoriales et des autres lois et règlements visant à renforcer les principes de transparence, de responsabilité, de redevabilité et de démocratie participative ;'),
  (4, 4, 'اعتبارا لأهمية اعتماد مقاربة تنموية منفتحة تجعل المواطن في صلبها وترتكز على مبادئ الحكامة التشاركية بهدف تحقيق تنمية محلية شاملة ومندمجة؛',
         'Considérant l''importance d''adopter une approche de développement ouverte qui place le citoyen en son centre et repose sur les principes de la gouvernance participative, afin de réaliser un développement local global et intégré ;'),
  (5, 5, 'تبعا لانضمام المملكة المغربية للمبادرة الدولية "شراكة الحكومة المنفتحة"؛',
         'Suite à l''adhésion du Royaume du Maroc à l''initiative internationale « Partenariat pour un gouvernement ouvert » ;');

-- Charter prose. Section 3: seed 002 line 378 carries a stray "المشترك" after "بشكل تشاركي،"
-- that fits nowhere in the sentence (an extraction fragment); it is left out.
-- Section 2: the word "المنفتحة" lost at a line break (line 372) is restored.
INSERT INTO charter_sections (id, position, heading_ar, heading_fr, body_ar, body_fr) VALUES
  (1, 1, 'ديباجة', 'Préambule',
   'تقرر خلق الشبكة المغربية للجماعات الترابية المنفتحة، كفضاء لتبادل التجارب والخبرات بين الجماعات الترابية الأعضاء حول تفعيل مبدأ الانفتاح وتقوية قدراتها وتجميع الممارسات الجيدة في المجال. تشكل هذه الوثيقة ميثاقا للشبكة المغربية للجماعات الترابية المنفتحة.',
   'Il est décidé de créer le Réseau Marocain des Collectivités Territoriales Ouvertes, espace d''échange d''expériences et d''expertises entre les collectivités territoriales membres sur la mise en œuvre du principe d''ouverture, le renforcement de leurs capacités et la capitalisation des bonnes pratiques dans ce domaine. Le présent document constitue la charte du Réseau Marocain des Collectivités Territoriales Ouvertes.'),
  (2, 2, 'الهدف من الميثاق', 'Objet de la charte',
   'يعرض ميثاق الشبكة المغربية للجماعات الترابية المنفتحة مبادئ وقيم الشبكة المغربية للجماعات الترابية المنفتحة و كذا أهدافها والتزامات أعضاء هذه الشبكة.',
   'La charte du Réseau Marocain des Collectivités Territoriales Ouvertes présente les principes et les valeurs du réseau ainsi que ses objectifs et les engagements de ses membres.'),
  (3, 3, 'الجماعة الترابية المنفتحة', 'La collectivité territoriale ouverte',
   'تعمل الجماعة الترابية المنفتحة على تعزيز مبادئ الشفافية والمسائلة والولوج إلى المعلومة وإشراك المواطنات والمواطنين وهيئات المجتمع المدني في إعداد وتتبع وتقييم، بشكل تشاركي، مشاريعها وبرامجها التنموية.',
   'La collectivité territoriale ouverte œuvre à renforcer les principes de transparence, de redevabilité et d''accès à l''information, et à associer les citoyennes, les citoyens et les instances de la société civile à la préparation, au suivi et à l''évaluation, de manière participative, de ses projets et programmes de développement.'),
  (4, 4, 'الهدف من انفتاح الجماعة الترابية', 'Finalité de l''ouverture de la collectivité territoriale',
   'يهدف انفتاح الجماعة الترابية على المواطنات والمواطنين وفعاليات المجتمع المدني بشكل أساسي إلى: تعزيز الثقة بين المواطن والجماعة الترابية من خلال آليات التواصل والشفافية والمساءلة والمشاركة المواطنة؛ العمل بتعاون وثيق مع المجتمع المدني الذي يعتبر الحليف الرئيسي لمواجهة تحديات التنمية المحلية؛ تحسين الخدمات العمومية من خلال إشراك المواطن في التعبير عن حاجياته الحقيقية والاستجابة لها، وكذا اعتماد الحلول التكنولوجية لتدبير الجماعة ورقمنة خدماتها.',
   'L''ouverture de la collectivité territoriale aux citoyennes, aux citoyens et aux acteurs de la société civile vise principalement à : renforcer la confiance entre le citoyen et la collectivité territoriale par des mécanismes de communication, de transparence, de redevabilité et de participation citoyenne ; travailler en étroite collaboration avec la société civile, alliée principale pour relever les défis du développement local ; améliorer les services publics en associant le citoyen à l''expression de ses besoins réels et en y répondant, et en adoptant des solutions technologiques pour la gestion de la commune et la digitalisation de ses services.');

-- 002 lines 462-469: the document lists two values.
INSERT INTO charter_values (id, position, text_ar, text_fr) VALUES
  (1, 1, 'تبادل المعارف والممارسات الجيدة حول مبادئ الانفتاح؛',
         'L''échange de connaissances et de bonnes pratiques sur les principes de l''ouverture ;'),
  (2, 2, 'الحوار بين الجماعات الترابية الأعضاء حول الممارسات والتحديات المشتركة المتعلقة بالتنمية المحلية المنفتحة.',
         'Le dialogue entre les collectivités territoriales membres sur les pratiques et les défis communs liés au développement local ouvert.');

-- 002 lines 471-484: "يتعهد أعضاء الشبكة المغربية للجماعات الترابية المنفتحة بما يلي".
INSERT INTO charter_commitments (id, position, text_ar, text_fr) VALUES
  (1, 1, 'احترام النظم المعيارية المعمول بها من حيث الشفافية والولوج إلى المعلومات العمومية ومشاركة المواطنات والمواطنين والتحول الرقمي،',
         'Respecter les normes en vigueur en matière de transparence, d''accès à l''information publique, de participation des citoyennes et des citoyens et de transformation numérique,'),
  (2, 2, 'اعتماد برامج عمل الانفتاح بإشراك المجتمع المدني المحلي وكذلك جميع الفاعلين المعنيين،',
         'Adopter des plans d''action d''ouverture en associant la société civile locale ainsi que tous les acteurs concernés,'),
  (3, 3, 'ضمان تنفيذ وتقييم برامج عمل الانفتاح بمشاركة المجتمع المدني المحلي وكذلك جميع الفاعلين المعنيين،',
         'Garantir la mise en œuvre et l''évaluation des plans d''action d''ouverture avec la participation de la société civile locale ainsi que de tous les acteurs concernés,'),
  (4, 4, 'خلق دينامية ترابية تهدف إلى تعزيز التعاون مع الجهات الفاعلة الأخرى داخل التراب،',
         'Créer une dynamique territoriale visant à renforcer la coopération avec les autres acteurs du territoire,'),
  (5, 5, 'المساهمة في إشعاع الجماعات الترابية المغربية على المستوى الوطني والقاري والدولي.',
         'Contribuer au rayonnement des collectivités territoriales marocaines aux niveaux national, continental et international.');
