#!/usr/bin/env python3
"""Adds N made-up communes to a migrated (and usually demo-seeded) Infitah database file,
each with a 2024-2025 program shaped like the real ones, so the benchmark can measure pages
on a network far larger than the demo data without anything of the kind in the product.

The shapes are those of fillSynthetic in Tests/PortalTests/SyntheticData.swift (keep the two
in step): 4 axes, numbered projects with objectives, expected result, indicators and
partners, numbered activities with the four cost shapes and their partners, a committee of
7, 12 milestones, 3 events and their proposal counts. Values are bound, never pasted, and
everything goes in one transaction. Deterministic: the same N gives the same data.

The national data set (`--national`, used by `Tests/Benchmarks/run --national`): the file
brought to COMMUNES real (non-sandbox) communes in all (default 1,503: Morocco's count), each
new one with the shapes above at 8 projects of 3 activities (24 activities) and an ideas call
(channel platform-and-workshop, 9-15 June 2023, all four axes), and PROPOSALS public proposals
(default 1,000,000) spread over the new programs with weights 1 to 7: each in its program's
call and inside the call's window, one of the program's axes, an idea in Arabic (3 in 4) or in
French made of a fixed vocabulary (3-6 words of title, 12-31 of description, well inside the
150/5,000-character limits of 0020_text_limits), status processing, accepted, integrated (with
the project it went into) or rejected (with its reason), one in ten from a workshop, none
hidden or merged, a distinct valid tracking code, no personal data.
The search triggers (0019) note every new row in search_dirty. The generator writes the
proposals' search rows itself (search_entries, search_proposals_fts (0026) with its scope tokens marked by U+E000 as 0024 and SearchStore.scope make them, and search_words
(0023), with the terms SearchText.indexTerms gives for its vocabulary — ported below, checked by the benchmark, which
hands 200 of them back to the portal to index again and compares) and leaves the ~75,000
structural rows (communes, programs, axes, projects, activities, milestones) for the portal's
background indexer; `--portal-index` leaves the proposals to the portal too.
Measured 2026-12-06 on the shared 2-core machine (other sessions' Swift builds running, load
average 4.4 to 4.9): `synthetic.py FILE --national` on a demo database took 4 min 56 s of wall
time (115 s of CPU: the process got 38% of a core), peak RSS 306 MB, and left a 1.36 GB file
(1,361,879,040 bytes); the portal then indexes the ~75,000 structural rows itself (19 s in a
trial run with 3,000 proposals; the benchmark prints the time each run).

usage: synthetic.py DB_FILE N [PROJECTS_PER_PROGRAM=8] [ACTIVITIES_PER_PROJECT=6]
       synthetic.py DB_FILE --national [COMMUNES=1503 [PROPOSALS=1000000]] [--portal-index]
"""
import sqlite3
import sys
import unicodedata

REGIONS = [
    ("جهة الدار البيضاء سطات", "Région Casablanca-Settat"),
    ("جهة سوس ماسة", "Région Souss-Massa"),
    ("جهة طنجة تطوان الحسيمة", "Région Tanger-Tétouan-Al Hoceïma"),
    ("جهة بني ملال خنيفرة", "Région Béni Mellal-Khénifra"),
    ("جهة فاس مكناس", "Région Fès-Meknès"),
]
STATUSES = ["adopted", "draft", "consultation", "in-execution", "committee-review"]
AXES = [
    ("الميزانية التشاركية", "Budget participatif"),
    ("تقوية دور هيئة المساواة وتكافؤ الفرص ومقاربة النوع",
     "Renforcer le rôle de l'instance de l'équité, de l'égalité des chances et de l'approche genre"),
    ("الرقمنة", "Digitalisation"),
    ("خلق آلية دائمة للتحاور", "Créer un mécanisme permanent de dialogue"),
]
MILESTONES = [  # kind, ar, fr, date_start, date_end, precision (the last two undated: planned)
    ("communication-meeting", "لقاء تواصلي بالجهة", "Réunion de communication à la région", "2023-04-28", None, "day"),
    ("committee-created", "إحداث لجنة التتبع", "Création du comité de suivi", "2023-05-08", None, "day"),
    ("other", "اجتماع تحضيري للورشة", "Réunion préparatoire de l'atelier", "2023-05-11", None, "day"),
    ("co-preparation-workshop", "ورشة الإعداد المشترك", "Atelier de co-construction", "2023-05-17", None, "day"),
    ("digital-call", "تلقي الاقتراحات عبر المنصة", "Appel à propositions sur la plateforme", "2023-06-09", "2023-06-14", "range"),
    ("committee-meeting", "اجتماع لجنة التتبع", "Réunion du comité de suivi", "2023-06-15", None, "day"),
    ("draft", "مسودة المشاريع", "Brouillon des projets", "2023-06", None, "month"),
    ("consultation-workshop", "ورشة التشاور حول المسودة", "Atelier de consultation sur le brouillon", "2023-07-06", None, "day"),
    ("digital-consultation", "التشاور عبر المنصة الرقمية", "Consultation sur la plateforme numérique", "2023-07-13", None, "day"),
    ("bureau-adoption", "اعتماد البرنامج من المكتب", "Adoption par le bureau", "2023-07", None, "month"),
    ("standing-committee", "دراسة البرنامج من طرف اللجنة الدائمة", "Examen par la commission permanente", None, None, None),
    ("council-adoption", "عرض البرنامج على المجلس", "Présentation au conseil", None, None, None),
]
PARTNERS = [
    ("شريك تجريبي: المديرية العامة للجماعات الترابية", "Partenaire synthétique : DGCT", "DGCT"),
    ("شريك تجريبي: مؤسسة ENABEL", "Partenaire synthétique : Enabel", "ENABEL"),
    ("شريك تجريبي: الجامعة", "Partenaire synthétique : l'université", None),
    ("شريك تجريبي: هيئة المساواة", "Partenaire synthétique : l'instance de l'égalité", None),
    ("شريك تجريبي: الجماعة", "Partenaire synthétique : la commune", None),
    ("شريك تجريبي: جمعيات المجتمع المدني", "Partenaire synthétique : associations", None),
    ("شريك تجريبي: المنابر الإعلامية", "Partenaire synthétique : médias", None),
    ("شريك تجريبي: الوكالة الحضرية", "Partenaire synthétique : agence urbaine", None),
]
MEMBERS = [  # role, category, function ar, function fr
    ("president", "elected", "رئيس المجلس", "Président du conseil"),
    ("coordinator", "staff", "مدير المصالح", "Directeur des services"),
    ("member", "staff", "نقطة الارتكاز", "Point focal"),
    ("member", "equality-body", "مقررة الهيئة", "Rapporteuse de l'instance"),
    ("member", "equality-body", "عضوة الهيئة", "Membre de l'instance"),
    ("member", "equality-body", "عضو الهيئة", "Membre de l'instance"),
    ("member", "elected", "عضو المجلس", "Membre du conseil"),
]


def insert(db, sql, values):
    return db.execute(sql, values).lastrowid


def partner_ids(db):
    ids = []
    for ar, fr, short in PARTNERS:
        db.execute("INSERT OR IGNORE INTO partners (name_ar, name_fr, short_name) VALUES (?, ?, ?)", (ar, fr, short))
        ids.append(db.execute("SELECT id FROM partners WHERE name_ar = ?", (ar,)).fetchone()[0])
    return ids


def commune(db, n, partners, projects, activities):
    region = REGIONS[n % len(REGIONS)]
    commune_id = insert(db, """
        INSERT INTO communes (slug, name_ar, name_fr, region_ar, region_fr, province_ar, province_fr,
                              joined_on, platform_ref, platform_url, is_sandbox)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0)""",
        (f"synthetic-{n}", f"جماعة تجريبية {n}", f"Commune synthétique {n}", region[0], region[1],
         f"إقليم تجريبي {n % 40 + 1}", f"Province synthétique {n % 40 + 1}", f"2022-{n % 12 + 1:02d}",
         f"commune-synthetic-{n}"))

    status = STATUSES[n % len(STATUSES)]
    adopted = status in ("adopted", "in-execution")
    program_id = insert(db, """
        INSERT INTO programs (commune_id, period, title_ar, title_fr, status, adoption_session_ar, adoption_session_fr,
                              adopted_on, decision_ref, total_budget_centimes, notes_ar, notes_fr)
        VALUES (?, '2024-2025', ?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL)""",
        (commune_id, f"برنامج انفتاح الجماعة التجريبية {n} 2024-2025",
         f"Programme d'ouverture de la commune synthétique {n} 2024-2025", status,
         "دورة أكتوبر 2023" if adopted else None, "Session d'octobre 2023" if adopted else None,
         "2023-10" if adopted else None, 50_000_000 + n * 1_000_000))
    for position in (1, 2):
        ref = 100 * position + n % 100
        db.execute("""
            INSERT INTO program_references (program_id, position, text_ar, text_fr, ref_number, ref_date)
            VALUES (?, ?, ?, ?, ?, ?)""",
            (program_id, position, f"مراسلة رقم {ref}", f"Lettre n° {ref}", str(ref), f"2023-04-1{position}"))

    committee_id = insert(db, """
        INSERT INTO committees (program_id, name_ar, name_fr, decision_number, decision_date, decided_by_ar, decided_by_fr,
                                mandate_ar, mandate_fr)
        VALUES (?, 'لجنة تتبع إعداد وتنفيذ وتقييم برنامج انفتاح الجماعة',
                'Comité de suivi de la préparation, de la mise en œuvre et de l''évaluation du programme d''ouverture',
                ?, '2023-05-08', 'رئيس المجلس الجماعي', 'Le président du conseil communal',
                'تتبع، إعداد وتنفيذ وتقييم برنامج انفتاح الجماعة', 'Suivi, préparation, mise en œuvre et évaluation du programme')""",
        (program_id, str(n % 200 + 1)))
    for index, (role, category, function_ar, function_fr) in enumerate(MEMBERS):
        db.execute("""
            INSERT INTO committee_members (committee_id, position, honorific_ar, honorific_fr, name_ar, name_fr,
                                           function_ar, function_fr, role, category)
            VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)""",
            (committee_id, index + 1, "السيد" if index % 2 == 0 else "السيدة", "M." if index % 2 == 0 else "Mme",
             f"عضو تجريبي {n}-{index + 1}", function_ar, function_fr, role, category))

    milestone_ids = {}
    for index, (kind, ar, fr, start, end, precision) in enumerate(MILESTONES):
        milestone_ids[kind] = insert(db, """
            INSERT INTO milestones (program_id, position, kind, title_ar, title_fr, place_ar, place_fr,
                                    date_start, date_end, date_precision, done)
            VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)""",
            (program_id, index + 1, kind, ar, fr, start, end, precision, 1 if start else 0))

    axis_ids = [insert(db, "INSERT INTO axes (program_id, number, title_ar, title_fr) VALUES (?, ?, ?, ?)",
                       (program_id, index + 1, ar, fr)) for index, (ar, fr) in enumerate(AXES)]

    project_ids = []
    for number in range(1, projects + 1):
        long = number % 2 == 0
        project_id = insert(db, """
            INSERT INTO projects (program_id, axis_id, number, title_ar, title_fr, slogan_ar, slogan_fr,
                                  duration_ar, duration_fr, date_start, date_end, budget_centimes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '2024-01-01', ?, ?)""",
            (program_id, axis_ids[(number - 1) % len(axis_ids)], number,
             f"المشروع التجريبي {number} للجماعة {n}: تعزيز المشاركة المواطنة في تدبير الشأن المحلي",
             f"Projet synthétique {number} de la commune {n} : renforcer la participation citoyenne à la gestion locale",
             "جماعة منفتحة" if number == 1 else None, "Une commune ouverte" if number == 1 else None,
             "سنتين" if long else "سنة", "Deux ans" if long else "Un an", "2025-12-31" if long else "2024-12-31",
             None if number % 3 == 0 else number * 2_500_000 + n * 10_000))
        project_ids.append(project_id)
        for position in (1, 2):
            db.execute("INSERT INTO project_objectives (project_id, position, text_ar, text_fr) VALUES (?, ?, ?, ?)",
                       (project_id, position, f"تعزيز الثقة بين المواطن والجماعة ({position})",
                        f"Renforcer la confiance entre le citoyen et la commune ({position})"))
        db.execute("INSERT INTO project_expected_results (project_id, position, text_ar, text_fr) VALUES (?, 1, ?, ?)",
                   (project_id, "جعل المواطن شريكا في تحديد الاحتياجات وإيجاد الحلول",
                    "Faire du citoyen un partenaire dans l'identification des besoins"))
        for kind in ("follow-up", "impact"):
            db.execute("INSERT INTO project_indicators (project_id, kind, position, text_ar, text_fr) VALUES (?, ?, 1, ?, ?)",
                       (project_id, kind, "نسبة رضى المواطنين" if kind == "impact" else "عدد اللقاءات التواصلية",
                        "Taux de satisfaction des citoyens" if kind == "impact" else "Nombre de rencontres de communication"))
        for position in (1, 2, 3):
            db.execute("""
                INSERT INTO project_partners (project_id, partner_id, position, contribution_ar, contribution_fr, listed)
                VALUES (?, ?, ?, ?, ?, ?)""",
                (project_id, partners[(n + number + position) % len(partners)], position,
                 None if position == 1 else "تتحمل تكلفة التكوين والمواكبة",
                 None if position == 1 else "Prend en charge la formation et l'accompagnement",
                 0 if position == 3 else 1))
        for act in range(1, activities + 1):
            shape = act % 4  # an amount, a dash, a text to be set later, or unknown
            funder = partners[(n + act) % len(partners)] if act % 3 == 0 else None
            activity_id = insert(db, """
                INSERT INTO activities (project_id, number, title_ar, title_fr, cost_centimes, cost_text_ar, cost_text_fr,
                                        funding_ar, funding_fr, funding_partner_id, date_start, date_end)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (project_id, act, f"النشاط التجريبي {act}: تنظيم لقاءات تحسيسية ودورات تكوينية",
                 f"Activité synthétique {act} : rencontres de sensibilisation et formations",
                 1_000_000 * act if shape == 0 else None,
                 "-" if shape == 1 else "ستحدد من الجهة الملزمة بتنفيذ النشاط" if shape == 2 else None,
                 "-" if shape == 1 else "Sera fixé par l'organisme chargé de la mise en œuvre" if shape == 2 else None,
                 "ذاتي" if funder is None else "شريك", "Autofinancement" if funder is None else "Partenaire", funder,
                 f"2024-{act % 12 + 1:02d}", "2025-12" if long else "2024-12"))
            for position in range(1, act % 2 + 2):
                db.execute("INSERT INTO activity_partners (activity_id, partner_id, position) VALUES (?, ?, ?)",
                           (activity_id, partners[(n + act + 2 * position) % len(partners)], position))

    workshop_counts = [(n + 3 * i) % 7 + 1 for i in range(len(axis_ids))]
    platform_counts = [(2 * n + i) % 9 for i in range(len(axis_ids))]
    project_counts = [(n + i) % 5 + 1 for i in range(len(project_ids))]
    workshop = insert(db, """
        INSERT INTO events (program_id, milestone_id, kind, channel, title_ar, title_fr, date_start, date_end, date_precision,
                            time_start, place_ar, place_fr, description_ar, description_fr,
                            participants, women, associations, equality_body_members, proposals_total)
        VALUES (?, ?, 'co-preparation-workshop', 'workshop', 'الورشة الأولى', 'Premier atelier', '2023-05-17', NULL, 'day',
                '10:00', 'مقر الجماعة', 'Siège de la commune', 'اللقاء التشاوري حول برنامج الانفتاح', 'Rencontre consultative sur le programme',
                ?, ?, ?, ?, ?)""",
        (program_id, milestone_ids["co-preparation-workshop"], 30 + n % 40, 10 + n % 20, n % 15, 4 + n % 6,
         sum(workshop_counts)))
    platform = insert(db, """
        INSERT INTO events (program_id, milestone_id, kind, channel, title_ar, title_fr, date_start, date_end, date_precision,
                            participants, proposals_total)
        VALUES (?, ?, 'digital-call', 'platform', 'المشاركة الرقمية', 'Participation numérique', '2023-06-09', '2023-06-14', 'range',
                NULL, ?)""",
        (program_id, milestone_ids["digital-call"], sum(platform_counts)))
    consultation = insert(db, """
        INSERT INTO events (program_id, milestone_id, kind, channel, title_ar, title_fr, date_start, date_end, date_precision,
                            participants, women, proposals_total)
        VALUES (?, ?, 'consultation-workshop', 'workshop', 'ورشة التشاور حول المسودة', 'Atelier de consultation sur le brouillon',
                '2023-07-06', NULL, 'day', ?, ?, ?)""",
        (program_id, milestone_ids["consultation-workshop"], 20 + n % 30, 8 + n % 12, sum(project_counts)))
    count_sql = ("INSERT INTO event_proposal_counts (event_id, axis_id, project_id, channel, status, count) "
                 "VALUES (?, ?, ?, ?, NULL, ?)")
    db.executemany(count_sql, [(workshop, a, None, "workshop", c) for a, c in zip(axis_ids, workshop_counts)])
    db.executemany(count_sql, [(platform, a, None, "platform", c) for a, c in zip(axis_ids, platform_counts)])
    db.executemany(count_sql, [(consultation, None, p, "workshop", c) for p, c in zip(project_ids, project_counts)])
    return commune_id, program_id, axis_ids, project_ids, workshop


def fill(path, communes, projects=8, activities=6):
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("BEGIN IMMEDIATE")
        partners = partner_ids(db)
        first = db.execute("SELECT count(*) FROM communes WHERE slug GLOB 'synthetic-*'").fetchone()[0] + 1
        for n in range(first, first + communes):
            commune(db, n, partners, projects, activities)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        db.close()


# --- The national data set -------------------------------------------------------------------
# Words citizens' proposals are made of: Arabic with the article and attached prefixes (so the
# index's prefix stripping is exercised), French with accents and elision.
WORDS_AR = [
    "تهيئة", "الطرق", "بالحي", "إنارة", "عمومية", "المساحات", "الخضراء", "ملعب", "القرب", "دار", "الشباب",
    "النقل", "المدرسي", "الماء", "الصالح", "للشرب", "جمع", "النفايات", "المكتبة", "الجماعية", "السوق",
    "الأسبوعي", "مركز", "صحي", "للنساء", "والأطفال", "وتأهيل", "الأرصفة", "حديقة", "عمومية", "فضاء",
    "للقراءة", "تشجير", "الشوارع", "بناء", "قنطرة", "على", "الوادي", "تعبيد", "المسالك", "القروية",
    "محاربة", "الهدر", "المدرسي", "دعم", "التعاونيات", "النسائية", "خلق", "فرص", "الشغل", "للشباب",
    "تكوين", "الجمعيات", "في", "الرقمنة", "منصة", "للتواصل", "مع", "المواطنين", "مرآب", "للسيارات",
]
WORDS_FR = [
    "aménagement", "des", "routes", "du", "quartier", "éclairage", "public", "espaces", "verts", "terrain",
    "de", "proximité", "maison", "jeunes", "transport", "scolaire", "eau", "potable", "collecte", "déchets",
    "bibliothèque", "communale", "souk", "hebdomadaire", "centre", "santé", "pour", "femmes", "et", "enfants",
    "l'école", "l'éclairage", "d'accès", "trottoirs", "jardin", "plantation", "arbres", "pont", "piste",
    "rurale", "coopératives", "féminines", "emploi", "formation", "associations", "numérique", "plateforme",
]
STATUS_CYCLE = ["processing", "processing", "accepted", "processing", "integrated", "rejected", "processing", "accepted"]
GENDERS = ["woman", "man", None, "woman", "man"]
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"   # TrackingCode.alphabet (FormGuard.swift)
CODE_STEP = 0x9E3779B97F4A7C15 * 0x2545F4914F6CDD1D % 31 ** 18   # not a multiple of 31, so i -> i * CODE_STEP mod 31^18 is one-to-one


def tracking_code(i):
    """A distinct, valid 18-letter code for the i-th proposal (an odd multiplier is a bijection)."""
    x = (i * CODE_STEP) % 31 ** 18
    letters = []
    for _ in range(18):
        x, r = divmod(x, 31)
        letters.append(CODE_ALPHABET[r])
    code = "".join(letters)
    return f"{code[:6]}-{code[6:12]}-{code[12:]}"


def folded_word(raw):
    """SearchText.foldedWord (Sources/Portal/Search/SearchText.swift), for the words above."""
    word = raw.lower()
    for i, ch in enumerate(word):
        if ch in "'\u2019":
            if i <= 2:
                word = word[i + 1:]
            break
    word = word.replace("'", "").replace("\u2019", "")
    # Foundation's stripDiacritics takes the marks off Latin letters but leaves Arabic letters
    # whole (ئ stays ئ; the alif forms are folded below), so only the others are decomposed.
    word = "".join(c if 0x0600 <= ord(c) <= 0x06FF else
                   unicodedata.normalize("NFC", "".join(d for d in unicodedata.normalize("NFD", c) if unicodedata.category(d) != "Mn"))
                   for c in word)
    out = []
    for c in word:
        v = ord(c)
        if 0x064B <= v <= 0x065F or v in (0x0670, 0x0640):
            continue
        if v in (0x0622, 0x0623, 0x0625, 0x0671):
            out.append("\u0627")
        elif v == 0x0629:
            out.append("\u0647")
        elif v == 0x0649:
            out.append("\u064A")
        elif 0x0660 <= v <= 0x0669:
            out.append(chr(v - 0x0660 + 0x30))
        elif 0x06F0 <= v <= 0x06F9:
            out.append(chr(v - 0x06F0 + 0x30))
        else:
            out.append(c)
    return "".join(out) or None


def strip_prefixes(word):
    """SearchText.stripPrefixes."""
    if not word or not 0x0600 <= ord(word[0]) <= 0x06FF:
        return word
    articles = ["وال", "فال", "بال", "كال", "لل", "ال"]
    for _ in range(3):
        article = next((a for a in articles if word.startswith(a) and len(word) - len(a) >= 2), None)
        if article:
            word = word[len(article):]
        elif word[0] in "وفبلك" and len(word) >= 5:
            word = word[1:]
        else:
            break
    return word


def index_terms(word):
    """SearchText.indexTerms of one word, as a string."""
    base = folded_word(word)
    if base is None:
        return ""
    stripped = strip_prefixes(base)
    return base if stripped == base else f"{stripped} {base}"


class Sequence:
    """A 64-bit LCG: the same numbers on every Python and platform (random's are not promised)."""
    def __init__(self, seed):
        self.x = seed

    def below(self, n):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return (self.x >> 33) % n


def proposals_for(db, programs, total, index_here):
    """`total` public proposals spread over `programs` (unevenly, weights 1..7), each in the
    program's ideas call, within its window; when `index_here`, their search rows too (the
    same terms SearchStore would write) and not left for the portal to fold in."""
    weights = [(commune_id % 7) + 1 for commune_id, *_ in programs]
    whole = sum(weights)
    first_id = (db.execute("SELECT coalesce(max(id), 0) FROM proposals").fetchone()[0]) + 1
    terms_ar = {w: index_terms(w) for w in WORDS_AR}
    terms_fr = {w: index_terms(w) for w in WORDS_FR}
    seq = Sequence(1503)
    proposal_sql = """
        INSERT INTO proposals (id, program_id, call_id, axis_id, project_id, kind, title, description, author_name, show_name,
                               gender, age_band, association, neighbourhood, channel, status, public_answer,
                               integrated_project_id, tracking_code, submission_key, remote_address, created_at,
                               rejection_reason, answered_at, event_id, language)
        VALUES (?, ?, ?, ?, NULL, 'idea', ?, ?, NULL, 0, ?, NULL, NULL, NULL, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?)"""
    entry_sql = """INSERT INTO search_entries (id, kind, ref, commune_id, slug, period, number, code, title_ar, title_fr)
                   VALUES (?, 'proposal', ?, ?, ?, '2024-2025', NULL, ?, ?, NULL)"""
    next_entry = (db.execute("SELECT coalesce(max(id), 0) FROM search_entries").fetchone()[0]) + 1
    done, cumulative, pid = 0, 0, first_id
    for (commune_id, slug, program_id, call_id, axis_ids, project_ids, workshop), weight in zip(programs, weights):
        cumulative += weight
        count = total * cumulative // whole - done
        done += count
        rows, entries, fts = [], [], []
        for k in range(count):
            french = seq.below(4) == 0
            words, terms = (WORDS_FR, terms_fr) if french else (WORDS_AR, terms_ar)
            title_words = [words[seq.below(len(words))] for _ in range(3 + seq.below(4))]
            body_words = [words[seq.below(len(words))] for _ in range(12 + seq.below(20))]
            title = " ".join(title_words)
            description = " ".join(body_words) + "."
            status = STATUS_CYCLE[seq.below(len(STATUS_CYCLE))]
            workshop_made = seq.below(10) == 0
            minute = seq.below(6 * 24 * 60)
            created = f"2023-06-{9 + minute // 1440:02d}T{minute % 1440 // 60:02d}:{minute % 60:02d}:00Z"
            answered = status != "processing"
            code = tracking_code(pid)
            rows.append((pid, program_id, call_id, axis_ids[seq.below(len(axis_ids))], title, description,
                         GENDERS[seq.below(len(GENDERS))], "workshop" if workshop_made else "platform", status,
                         ("نشكركم على اقتراحكم" if not french else "Merci pour votre proposition") if answered else None,
                         project_ids[seq.below(len(project_ids))] if status == "integrated" else None,
                         code, created,
                         ("خارج اختصاص الجماعة" if not french else "Hors des compétences de la commune") if status == "rejected" else None,
                         "2023-07-20T10:00:00Z" if answered else None, workshop if workshop_made else None,
                         "fr" if french else "ar"))
            if index_here:
                entries.append((next_entry, pid, commune_id, slug, code, title))
                fts.append((next_entry, f"\ue000kproposal \ue000c{commune_id}", " ".join(terms[w] for w in title_words + body_words)))
                next_entry += 1
            pid += 1
        db.executemany(proposal_sql, rows)
        if index_here:
            db.executemany(entry_sql, entries)
            db.executemany("INSERT INTO search_proposals_fts (rowid, scope, terms) VALUES (?, ?, ?)", fts)
    if index_here:
        # Every word the proposals' terms hold, as SearchStore lists them for prefix search (0023).
        db.executemany("INSERT OR IGNORE INTO search_words (word) VALUES (?)",
                       [(t,) for t in {t for w in list(terms_ar.values()) + list(terms_fr.values()) for t in w.split()}])
    if index_here:
        db.execute("DELETE FROM search_dirty WHERE kind = 'proposal' AND ref >= ?", (first_id,))
    return done


def national(path, communes=1503, total=1_000_000, index_here=True):
    """Brings a demo database to `communes` real (non-sandbox) communes, each with a full
    2024-2025 program (4 axes, 8 projects of 3 activities, 12 milestones, 3 events and their
    counts) and an ideas call, and adds `total` public proposals spread over the new programs."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = OFF")   # a benchmark file made in one go: nothing to keep on a crash
        db.execute("PRAGMA cache_size = -262144")
        db.execute("BEGIN IMMEDIATE")
        partners = partner_ids(db)
        have = db.execute("SELECT count(*) FROM communes WHERE is_sandbox = 0").fetchone()[0]
        first = db.execute("SELECT count(*) FROM communes WHERE slug GLOB 'synthetic-*'").fetchone()[0] + 1
        programs = []
        for n in range(first, first + max(0, communes - have)):
            commune_id, program_id, axis_ids, project_ids, workshop = commune(db, n, partners, 8, 3)
            call_id = insert(db, """
                INSERT INTO calls (program_id, kind, channel, title_ar, title_fr, announcement_ar, announcement_fr, opens_at, closes_at)
                VALUES (?, 'ideas', 'platform-and-workshop', 'نداء لتقديم الاقتراحات', 'Appel à propositions',
                        'شاركوا باقتراحاتكم في إعداد برنامج الانفتاح', 'Proposez vos idées pour le programme d''ouverture',
                        '2023-06-09T00:00:00Z', '2023-06-15T00:00:00Z')""", (program_id,))
            db.executemany("INSERT INTO call_axes (call_id, axis_id) VALUES (?, ?)", [(call_id, a) for a in axis_ids])
            programs.append((commune_id, f"synthetic-{n}", program_id, call_id, axis_ids, project_ids, workshop))
        if programs and total:
            proposals_for(db, programs, total, index_here)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        db.close()


def main(argv):
    if len(argv) >= 3 and argv[2] == "--national":
        options = argv[3:]
        index_here = "--portal-index" not in options
        numbers = [a for a in options if a != "--portal-index"]
        if len(numbers) > 2 or not all(a.isdigit() for a in numbers) or db_is_unmigrated(argv[1]):
            sys.exit(__doc__[__doc__.index("usage:"):].strip())
        national(argv[1], *[int(a) for a in numbers], index_here=index_here)
        return
    if len(argv) not in (3, 4, 5) or not all(a.isdigit() for a in argv[2:]):
        sys.exit(__doc__[__doc__.index("usage:"):].strip())
    path, numbers = argv[1], [int(a) for a in argv[2:]]
    if not numbers[0] or db_is_unmigrated(path):
        sys.exit(f"{path}: needs a migrated database (run `infitah migrate --db {path}` first) and N > 0")
    fill(path, *numbers)


def db_is_unmigrated(path):
    try:
        db = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
    except sqlite3.OperationalError:
        return True
    try:
        return db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'communes'").fetchone()[0] == 0
    finally:
        db.close()


if __name__ == "__main__":
    main(sys.argv)
