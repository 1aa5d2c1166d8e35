-- 07_demo_calls.sql — the sandbox commune's calls, open for 30 days from the first run, so a
-- newcomer can try the proposal form at once. NOT from the documents: examples that say so.
-- "The first run" is the instant the loader puts in temp.demo_clock (Store.loadDemoData: now,
-- or the snapshot tests' fixed instant), never SQLite's own 'now'.
-- They obey the rules of CallStore: the sandbox's program is in consultation (06), which takes
-- both an ideas call and a comments call, one of each kind.
--
-- Settat's call for ideas (seed 003, "إعلان للعموم"): from Friday 9 June 2023 to Wednesday
-- 14 June 2023 on the four axes, through the network's platform. The document gives days, not
-- hours: the window is stored from the start of the 9th to the end of the 14th, Morocco time
-- (UTC+1 in June 2023). The French title and announcement are translations.

INSERT INTO calls (id, program_id, kind, channel, title_ar, title_fr, announcement_ar, announcement_fr, opens_at, closes_at)
VALUES
  (501, 5, 'ideas', 'platform',
   'إعلان تلقي الأفكار والاقتراحات حول محاور برنامج الانفتاح (مثال)',
   'Appel à idées et propositions sur les axes du programme d''ouverture (exemple)',
   'تعلن الجماعة التجريبية عن فتح باب تلقي أفكار ومقترحات المواطنات والمواطنين عبر المنصة (مثال).',
   'La commune de démonstration ouvre la réception des idées et propositions des citoyennes et citoyens sur la plateforme (exemple).',
   strftime('%Y-%m-%dT%H:%M:%SZ', (SELECT made_at FROM temp.demo_clock)), strftime('%Y-%m-%dT%H:%M:%SZ', (SELECT made_at FROM temp.demo_clock), '+30 days')),
  (502, 5, 'draft-comments', 'platform',
   'استشارة عمومية حول مشروع برنامج الانفتاح (مثال)',
   'Consultation publique sur le projet de programme d''ouverture (exemple)',
   'يمكن للمواطنات والمواطنين إبداء ملاحظاتهم حول مشاريع البرنامج (مثال).',
   'Les citoyennes et citoyens peuvent formuler leurs observations sur les projets du programme (exemple).',
   strftime('%Y-%m-%dT%H:%M:%SZ', (SELECT made_at FROM temp.demo_clock)), strftime('%Y-%m-%dT%H:%M:%SZ', (SELECT made_at FROM temp.demo_clock), '+30 days'));

INSERT INTO call_axes (call_id, axis_id) VALUES (501, 51), (501, 52), (501, 53);

INSERT INTO calls (id, program_id, kind, channel, title_ar, title_fr, announcement_ar, announcement_fr, opens_at, closes_at)
VALUES
  (101, 1, 'ideas', 'platform',
   'إعلان تلقي الأفكار', 'Appel à idées',
   'تنزيلا لبرنامج الشبكة المغربية للجماعات الترابية المنفتحة، الذي يأتي تعزيزا لمبادئ الشفافية، المساءلة، المشاركة المواطنة والرقمنة.
وفي إطار إعداد جماعة سطات لبرنامج الانفتاح الخاص بها، ينهي رئيس المجلس الجماعي لسطات إلى عموم المواطنين والمواطنات وجمعيات المجتمع المدني بسطات أنه قد تم فتح الفضاء الإلكتروني الخاص بجماعة سطات في الموقع الإلكتروني للشبكة المغربية للجماعات الترابية المنفتحة، من أجل تلقي الاقتراحات والأفكار حول المحاور الأربعة التالية:
- الرقمنة.
- الميزانية التشاركية.
- تقوية دور هيئة المساواة وتكافؤ الفرص ومقاربة النوع.
- خلق آلية دائمة للتحاور.
وذلك ابتداء من يومه الجمعة 09 يونيو 2023 إلى غاية يوم الأربعاء 14 يونيو 2023.',
   'Dans le cadre du programme du Réseau marocain des collectivités territoriales ouvertes, qui renforce les principes de transparence, de redevabilité, de participation citoyenne et de digitalisation.
Dans le cadre de la préparation par la commune de Settat de son programme d''ouverture, le président du conseil communal de Settat informe les citoyennes, les citoyens et les associations de la société civile de Settat que l''espace électronique de la commune de Settat a été ouvert sur le site du Réseau marocain des collectivités territoriales ouvertes pour recevoir les propositions et les idées sur les quatre axes suivants :
- la digitalisation ;
- le budget participatif ;
- le renforcement du rôle de l''instance de l''équité, de l''égalité des chances et de l''approche genre ;
- la création d''un mécanisme permanent de dialogue.
Et ce à compter du vendredi 9 juin 2023 jusqu''au mercredi 14 juin 2023.',
   '2023-06-08T23:00:00Z', '2023-06-14T23:00:00Z');

INSERT INTO call_axes (call_id, axis_id) VALUES (101, 11), (101, 12), (101, 13), (101, 14);
