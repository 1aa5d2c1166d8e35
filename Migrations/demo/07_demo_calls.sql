-- 07_demo_calls.sql — the sandbox commune's calls, open for 30 days from the first run, so a
-- newcomer can try the proposal form at once. NOT from the documents: examples that say so.

INSERT INTO calls (id, program_id, kind, channel, title_ar, title_fr, announcement_ar, announcement_fr, opens_at, closes_at)
VALUES
  (501, 5, 'ideas', 'platform',
   'إعلان تلقي الأفكار والاقتراحات حول محاور برنامج الانفتاح (مثال)',
   'Appel à idées et propositions sur les axes du programme d''ouverture (exemple)',
   'تعلن الجماعة التجريبية عن فتح باب تلقي أفكار ومقترحات المواطنات والمواطنين عبر المنصة (مثال).',
   'La commune de démonstration ouvre la réception des idées et propositions des citoyennes et citoyens sur la plateforme (exemple).',
   strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+30 days')),
  (502, 5, 'draft-comments', 'platform',
   'استشارة عمومية حول مشروع برنامج الانفتاح (مثال)',
   'Consultation publique sur le projet de programme d''ouverture (exemple)',
   'يمكن للمواطنات والمواطنين إبداء ملاحظاتهم حول مشاريع البرنامج (مثال).',
   'Les citoyennes et citoyens peuvent formuler leurs observations sur les projets du programme (exemple).',
   strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+30 days'));

INSERT INTO call_axes (call_id, axis_id) VALUES (501, 51), (501, 52), (501, 53);
