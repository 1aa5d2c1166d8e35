-- 05_beni_mellal.sql — Beni Mellal: the press release and agenda of the second co-preparation
-- meeting (seed 002, first part; the press release is badly damaged by the extraction: the
-- sentences below are rebuilt from fragments that repeat across the three copies in the seed).
--
-- Reading notes:
-- * Date: "يوم الثلاثاء 11" + "2023 يوليوز" = Tuesday 11 July 2023 (a Tuesday indeed), at ten
--   in the morning ("على الساعة العاشرة صباحا"), at the social and cultural centre "مغيلة".
-- * The release calls it both "اللقاء التشاوري الثاني لمناقشة مشاريع برنامج عمل الانفتاح"
--   (title) and "الورشة الثانية للإعداد المشترك" (body): kind co-preparation-workshop; the
--   programme status is 'co-preparation' ("سلسلة اللقاءات التي تهدف إلى إعداد مسودة").
-- * Period not printed; adoption planned at the October 2023 session: '2024-2025' (inferred).
-- * The release says the communication meeting of 12 January 2023 took place "بمقر ولاية جهة
--   مراكش – أسفي". Kept as printed, though it may be a leftover of another commune's release.
--   The commune's own region and province are not named: NULL.
-- * "للجماعات التربية" (for "الترابية") is printed that way in every copy, so it is the
--   document's own spelling, not extraction damage, and is kept. Likewise "المجموعة الأول".
-- * Agenda times: the second group's slot prints "10:30 – 55:10", i.e. 10:30-10:55 reversed,
--   the same slot as the first group (parallel groups).
-- * The meeting is announced, not reported: its milestone is stored as planned (done = 0).

INSERT INTO communes (id, slug, name_ar, name_fr, region_ar, region_fr, province_ar, province_fr, joined_on,
                      platform_ref, platform_url, is_sandbox)
VALUES (4, 'beni-mellal', 'جماعة بني ملال', 'Commune de Béni Mellal', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0);

INSERT INTO programs (id, commune_id, period, title_ar, title_fr, status, adoption_session_ar, adoption_session_fr,
                      adopted_on, decision_ref, total_budget_centimes, notes_ar, notes_fr)
VALUES (4, 4, '2024-2025', 'برنامج عمل انفتاح جماعة بني ملال', 'Plan d''action d''ouverture de la commune de Béni Mellal',
        'co-preparation', NULL, NULL, NULL, NULL, NULL, NULL, NULL);

INSERT INTO milestones (id, program_id, position, kind, title_ar, title_fr, place_ar, place_fr, date_start, date_end, date_precision, done) VALUES
  (401, 4, 1, 'communication-meeting', 'لقاء تواصلي حول هذا البرنامج', 'Réunion de communication sur le programme',
       'مقر ولاية جهة مراكش – أسفي', 'Siège de la wilaya de la région Marrakech-Safi', '2023-01-12', NULL, 'day', 1),
  (402, 4, 2, 'other', 'ورشة تكوينية عن بعد حول مبادئ ومنهجية الانفتاح لفائدة الجماعات الترابية أعضاء الشبكة المغربية للجماعات الترابية المنفتحة',
       'Atelier de formation à distance sur les principes et la méthodologie de l''ouverture au profit des collectivités territoriales membres du Réseau Marocain des Collectivités Territoriales Ouvertes',
       NULL, NULL, '2023-02-22', NULL, 'day', 1),
  (403, 4, 3, 'co-preparation-workshop', 'الورشة الأولى للإعداد المشترك', 'Premier atelier de co-construction',
       'المركز الاجتماعي الثقافي "مغيلة"', 'Centre socioculturel « Mghila »', '2023-03-14', NULL, 'day', 1),
  (404, 4, 4, 'co-preparation-workshop', 'الورشة الثانية للإعداد المشترك لبرنامج عمل انفتاح الجماعة',
       'Deuxième atelier de co-construction du plan d''action d''ouverture de la commune',
       'المركز الاجتماعي الثقافي "مغيلة"', 'Centre socioculturel « Mghila »', '2023-07-11', NULL, 'day', 0),
  (405, 4, 5, 'council-adoption', 'المصادقة من طرف مجلس الجماعة خلال دورة أكتوبر 2023',
       'Adoption par le conseil de la commune lors de la session d''octobre 2023', NULL, NULL, '2023-10', NULL, 'month', 0);

INSERT INTO events (id, program_id, milestone_id, kind, channel, title_ar, title_fr, date_start, date_end, date_precision,
                    time_start, place_ar, place_fr, description_ar, description_fr,
                    participants, women, associations, equality_body_members, proposals_total) VALUES
  (41, 4, 404, 'co-preparation-workshop', 'workshop',
       'اللقاء التشاوري الثاني لمناقشة مشاريع برنامج عمل الانفتاح',
       'Deuxième rencontre consultative pour discuter des projets du plan d''action d''ouverture',
       '2023-07-11', NULL, 'day', '10:00',
       'المركز الاجتماعي الثقافي "مغيلة"', 'Centre socioculturel « Mghila »',
       'في إطار "برنامج دعم الجماعات الترابية المنفتحة"، تنظم جماعة بني ملال يوم الثلاثاء 11 يوليوز 2023 على الساعة العاشرة صباحا بالمركز الاجتماعي الثقافي "مغيلة"، الورشة الثانية للإعداد المشترك لبرنامج عمل انفتاح الجماعة، بمشاركة أعضاء الهيئات الاستشارية المحدثة لدى مجلس الجماعة: هيئة المساواة و تكافؤ الفرص و مقاربة النوع؛ وتندرج هذه الورشة ضمن سلسلة اللقاءات التي تهدف إلى إعداد مسودة لبرنامج الانفتاح حيث سيتم تنظيم استشارات حولها قبل المصادقة عليها من طرف مجلس الجماعة خلال دورة أكتوبر 2023.',
       'Dans le cadre du « programme d''appui aux collectivités territoriales ouvertes », la commune de Béni Mellal organise le mardi 11 juillet 2023 à dix heures, au centre socioculturel « Mghila », le deuxième atelier de co-construction du plan d''action d''ouverture de la commune, avec la participation des membres des instances consultatives créées auprès du conseil de la commune : l''instance de l''équité, de l''égalité des chances et de l''approche genre ; cet atelier s''inscrit dans une série de rencontres visant à préparer un projet de programme d''ouverture, qui fera l''objet de consultations avant son adoption par le conseil de la commune lors de la session d''octobre 2023.',
       NULL, NULL, NULL, NULL, NULL);

-- "جدول الأعمال لورشة الإعداد المشترك" (002 lines 161-193).
INSERT INTO event_agenda_items (event_id, position, time_start, time_end, text_ar, text_fr) VALUES
  (41, 1, '09:30', '10:00', 'استقبال المشاركين', 'Accueil des participants'),
  (41, 2, '10:00', '10:30', 'كلمات افتتاحية: رئيس الجماعة الترابية لمدينة بني ملال أو نائبه؛',
                            'Allocutions d''ouverture : le président de la collectivité territoriale de la ville de Béni Mellal ou son adjoint ;'),
  (41, 3, '10:00', '10:30', 'عرض حول الشبكة المغربية للجماعات التربية المنفتحة والجدولة الزمنية لبرنامج الانفتاح؛',
                            'Présentation du Réseau Marocain des Collectivités Territoriales Ouvertes et du calendrier du programme d''ouverture ;'),
  (41, 4, '10:00', '10:30', 'تقديم منهجية العمل.', 'Présentation de la méthodologie de travail.'),
  (41, 5, '10:30', '10:55', 'ورشة عمل المجموعة الأول: مناقشة مشاريع الانفتاح', 'Atelier du premier groupe : discussion des projets d''ouverture'),
  (41, 6, '10:30', '10:55', 'ورشة عمل المجموعة الثانية: مناقشة مشاريع الانفتاح', 'Atelier du deuxième groupe : discussion des projets d''ouverture');
