-- 10_demo_facts.sql — what the documents say about themselves, and what the loader inferred
-- (columns and table of Migrations/0018). Store.loadDemoData runs it after 01–07 and before it
-- freezes the versions, only when 0018 is applied (an upgrade test migrates an older set).
--
-- "Data as of" (programs.source_on): the date of the document each program's figures come from.
-- * Settat (seed 003): the deck says the council adopted the program "خلال دورة أكتوبر 2023":
--   October 2023 at the earliest; month precision.
-- * Taroudant (seed 004): the deck shows the award of 6 September 2023 and dates the drafting of
--   the projects "غشت/شتنبر 2023"; the committee's study in October 2023 is still ahead: month
--   September 2023.
-- * Larache (seed 001): the deck of the second citizen-participation meeting, 25 July 2023.
-- * Beni Mellal (seed 002): the press release announcing the meeting of Tuesday 11 July 2023 (it
--   prints no date of its own): month July 2023.
UPDATE programs SET source_on = '2023-10' WHERE id = 1;
UPDATE programs SET source_on = '2023-09' WHERE id = 2;
UPDATE programs SET source_on = '2023-07-25' WHERE id = 3;
UPDATE programs SET source_on = '2023-07' WHERE id = 4;

-- Periods the documents do not print (04_larache.sql, 05_beni_mellal.sql reading notes): both
-- plan adoption at the October 2023 session, like the network's other 2024-2025 programs.
UPDATE programs SET period_inferred = 1 WHERE id IN (3, 4);

-- Taroudant's 24 ideas by axis: read from a chart whose labels and values the extraction ran
-- together (03_taroudant.sql); the total 24 is printed, the split is a reading.
UPDATE events SET split_inferred = 1 WHERE id = 21;

-- Beni Mellal's region: no document names it (its press release names the wilaya of
-- Marrakech-Safi, likely a leftover of another commune's release). The commune's region is
-- Béni Mellal-Khénifra, known, not read: marked inferred.
UPDATE communes SET region_ar = 'جهة بني ملال خنيفرة', region_fr = 'Région Béni Mellal-Khénifra', region_inferred = 1 WHERE id = 4;

-- The support programme's components, seed 002 ("ويتضمن ذلك مواكبة الجماعات الترابية من أجل:"),
-- printed twice, both copies damaged; the text below joins them. Words lost in both copies are
-- shown as "…" (item 2) rather than guessed; item 5's "أداء" and "تقييم" are rebuilt from the
-- two copies ("داء" / "أتقییم"); Persian-form letters normalised as in 01_network.sql.
INSERT INTO network_components (id, position, text_ar, text_fr) VALUES
  (1, 1, 'خلق الشبكة المغربية للجماعات الترابية المنفتحة، والتي تعتبر منصة مخصصة لتعزيز التبادل والتقاسم والتعلم في مجال الانفتاح؛',
         'Créer le Réseau Marocain des Collectivités Territoriales Ouvertes, plateforme dédiée au renforcement de l''échange, du partage et de l''apprentissage en matière d''ouverture ;'),
  (2, 2, 'تعزيز التعاون والحوار بين الجماعات الترابية حول الممارسات … الانفتاح على الصعيد الترابي؛',
         'Renforcer la coopération et le dialogue entre les collectivités territoriales sur les pratiques … l''ouverture au niveau territorial ;'),
  (3, 3, 'دعم الجماعات الترابية من أجل اعتماد مشاريع الانفتاح بإشراك جمعيات المجتمع المدني المحلي وجميع الفاعلين المعنيين في جميع المراحل؛',
         'Appuyer les collectivités territoriales dans l''adoption de projets d''ouverture en associant les associations de la société civile locale et tous les acteurs concernés à toutes les étapes ;'),
  (4, 4, 'بناء قدرات الجماعات الترابية والجمعيات المحلية في مجال مبادئ الانفتاح؛',
         'Renforcer les capacités des collectivités territoriales et des associations locales en matière de principes de l''ouverture ;'),
  (5, 5, 'تقييم أداء الانفتاح بشراكة مع جمعيات المجتمع المدني على طول العملية (… التتبع المشترك، والتقييم المشترك)؛',
         'Évaluer la performance de l''ouverture en partenariat avec les associations de la société civile tout au long du processus (… suivi conjoint et évaluation conjointe) ;'),
  (6, 6, 'تثمين الآليات والنهج والممارسات الفضلى المتعلقة بهذا الورش؛',
         'Valoriser les mécanismes, les approches et les bonnes pratiques liés à ce chantier ;'),
  (7, 7, 'المساهمة في إشعاع المملكة دوليا في مجال الحكومات المحلية المنفتحة؛',
         'Contribuer au rayonnement international du Royaume en matière de gouvernements locaux ouverts ;');
