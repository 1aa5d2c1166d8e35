import SQLite

/// Adds `communes` made-up member communes to a migrated database, each with a 2024-2025
/// program shaped like the real ones (4 axes, numbered projects with their card lists and
/// partners, numbered activities, a committee, a dated timeline, three events and their
/// proposal counts), so tests and benchmarks can see how pages behave when the network
/// grows far beyond the demo data. Everything goes in with bound parameters, in one
/// transaction (a savepoint when called inside `Database.write`).
///
/// Tests/Benchmarks/synthetic.py builds the same shapes for the benchmark's database file;
/// keep the two in step.
///
/// Slugs are `synthetic-<n>` continuing after any synthetic communes already present, so the
/// function can be called more than once on the same database.
func fillSynthetic(_ db: Connection, communes: Int, projectsPerProgram: Int, activitiesPerProject: Int) throws {
    precondition(communes >= 0 && projectsPerProgram >= 1 && activitiesPerProject >= 1)
    try db.transaction {
        let partners = try SyntheticShapes.partnerIDs(db)
        let first = (try db.scalar("SELECT count(*) FROM communes WHERE slug GLOB 'synthetic-*'", as: Int.self) ?? 0) + 1
        for n in first..<(first + communes) {
            try SyntheticShapes.commune(db, n, partners: partners,
                                        projects: projectsPerProgram, activities: activitiesPerProject)
        }
    }
}

/// The slug `fillSynthetic` gives its n-th commune (1-based).
func syntheticSlug(_ n: Int) -> String { "synthetic-\(n)" }

/// The pieces of one synthetic commune. Values vary with the commune and project numbers so
/// that no two programs are identical, but deterministically (no randomness: a failing test
/// sees the same data when run again).
private enum SyntheticShapes {
    static let regions: [(ar: String, fr: String)] = [
        ("جهة الدار البيضاء سطات", "Région Casablanca-Settat"),
        ("جهة سوس ماسة", "Région Souss-Massa"),
        ("جهة طنجة تطوان الحسيمة", "Région Tanger-Tétouan-Al Hoceïma"),
        ("جهة بني ملال خنيفرة", "Région Béni Mellal-Khénifra"),
        ("جهة فاس مكناس", "Région Fès-Meknès"),
    ]
    static let statuses = ["adopted", "draft", "consultation", "in-execution", "committee-review"]
    static let axes: [(ar: String, fr: String)] = [
        ("الميزانية التشاركية", "Budget participatif"),
        ("تقوية دور هيئة المساواة وتكافؤ الفرص ومقاربة النوع", "Renforcer le rôle de l'instance de l'équité, de l'égalité des chances et de l'approche genre"),
        ("الرقمنة", "Digitalisation"),
        ("خلق آلية دائمة للتحاور", "Créer un mécanisme permanent de dialogue"),
    ]
    /// kind, Arabic title, French title, (date_start, date_end, precision); the last four are planned.
    static let milestones: [(kind: String, ar: String, fr: String, start: String?, end: String?, precision: String?)] = [
        ("communication-meeting", "لقاء تواصلي بالجهة", "Réunion de communication à la région", "2023-04-28", nil, "day"),
        ("committee-created", "إحداث لجنة التتبع", "Création du comité de suivi", "2023-05-08", nil, "day"),
        ("other", "اجتماع تحضيري للورشة", "Réunion préparatoire de l'atelier", "2023-05-11", nil, "day"),
        ("co-preparation-workshop", "ورشة الإعداد المشترك", "Atelier de co-construction", "2023-05-17", nil, "day"),
        ("digital-call", "تلقي الاقتراحات عبر المنصة", "Appel à propositions sur la plateforme", "2023-06-09", "2023-06-14", "range"),
        ("committee-meeting", "اجتماع لجنة التتبع", "Réunion du comité de suivi", "2023-06-15", nil, "day"),
        ("draft", "مسودة المشاريع", "Brouillon des projets", "2023-06", nil, "month"),
        ("consultation-workshop", "ورشة التشاور حول المسودة", "Atelier de consultation sur le brouillon", "2023-07-06", nil, "day"),
        ("digital-consultation", "التشاور عبر المنصة الرقمية", "Consultation sur la plateforme numérique", "2023-07-13", nil, "day"),
        ("bureau-adoption", "اعتماد البرنامج من المكتب", "Adoption par le bureau", "2023-07", nil, "month"),
        ("standing-committee", "دراسة البرنامج من طرف اللجنة الدائمة", "Examen par la commission permanente", nil, nil, nil),
        ("council-adoption", "عرض البرنامج على المجلس", "Présentation au conseil", nil, nil, nil),
    ]
    static let partnerNames: [(ar: String, fr: String, short: String?)] = [
        ("شريك تجريبي: المديرية العامة للجماعات الترابية", "Partenaire synthétique : DGCT", "DGCT"),
        ("شريك تجريبي: مؤسسة ENABEL", "Partenaire synthétique : Enabel", "ENABEL"),
        ("شريك تجريبي: الجامعة", "Partenaire synthétique : l'université", nil),
        ("شريك تجريبي: هيئة المساواة", "Partenaire synthétique : l'instance de l'égalité", nil),
        ("شريك تجريبي: الجماعة", "Partenaire synthétique : la commune", nil),
        ("شريك تجريبي: جمعيات المجتمع المدني", "Partenaire synthétique : associations", nil),
        ("شريك تجريبي: المنابر الإعلامية", "Partenaire synthétique : médias", nil),
        ("شريك تجريبي: الوكالة الحضرية", "Partenaire synthétique : agence urbaine", nil),
    ]

    /// The shared partner organisations (partners are shared across communes), created once.
    static func partnerIDs(_ db: Connection) throws -> [Int] {
        try partnerNames.map { partner in
            try db.run("INSERT OR IGNORE INTO partners (name_ar, name_fr, short_name) VALUES (?, ?, ?)",
                       [partner.ar, partner.fr, partner.short])
            return try db.scalar("SELECT id FROM partners WHERE name_ar = ?", [partner.ar], as: Int.self)!
        }
    }

    static func insert(_ db: Connection, _ sql: String, _ values: [any SQLBindable]) throws -> Int {
        try db.run(sql, values)
        return Int(db.lastInsertRowID)
    }

    static func commune(_ db: Connection, _ n: Int, partners: [Int], projects: Int, activities: Int) throws {
        let region = regions[n % regions.count]
        let communeID = try insert(db, """
            INSERT INTO communes (slug, name_ar, name_fr, region_ar, region_fr, province_ar, province_fr,
                                  joined_on, platform_ref, platform_url, is_sandbox)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0)
            """, [syntheticSlug(n), "جماعة تجريبية \(n)", "Commune synthétique \(n)", region.ar, region.fr,
                  "إقليم تجريبي \(n % 40 + 1)", "Province synthétique \(n % 40 + 1)",
                  String(format: "2022-%02d", n % 12 + 1), "commune-synthetic-\(n)"])

        let status = statuses[n % statuses.count]
        let adopted = status == "adopted" || status == "in-execution"
        let programID = try insert(db, """
            INSERT INTO programs (commune_id, period, title_ar, title_fr, status, adoption_session_ar, adoption_session_fr,
                                  adopted_on, decision_ref, total_budget_centimes, notes_ar, notes_fr)
            VALUES (?, '2024-2025', ?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL)
            """, [communeID, "برنامج انفتاح الجماعة التجريبية \(n) 2024-2025", "Programme d'ouverture de la commune synthétique \(n) 2024-2025",
                  status, adopted ? "دورة أكتوبر 2023" : nil, adopted ? "Session d'octobre 2023" : nil,
                  adopted ? "2023-10" : nil, 50_000_000 + n * 1_000_000])
        for position in 1...2 {
            try db.run("""
                INSERT INTO program_references (program_id, position, text_ar, text_fr, ref_number, ref_date)
                VALUES (?, ?, ?, ?, ?, ?)
                """, [programID, position, "مراسلة رقم \(100 * position + n % 100)", "Lettre n° \(100 * position + n % 100)",
                      String(100 * position + n % 100), "2023-04-1\(position)"])
        }

        let committeeID = try insert(db, """
            INSERT INTO committees (program_id, name_ar, name_fr, decision_number, decision_date, decided_by_ar, decided_by_fr,
                                    mandate_ar, mandate_fr)
            VALUES (?, 'لجنة تتبع إعداد وتنفيذ وتقييم برنامج انفتاح الجماعة',
                    'Comité de suivi de la préparation, de la mise en œuvre et de l''évaluation du programme d''ouverture',
                    ?, '2023-05-08', 'رئيس المجلس الجماعي', 'Le président du conseil communal',
                    'تتبع، إعداد وتنفيذ وتقييم برنامج انفتاح الجماعة', 'Suivi, préparation, mise en œuvre et évaluation du programme')
            """, [programID, String(n % 200 + 1)])
        let members: [(role: String, category: String, ar: String, fr: String)] = [
            ("president", "elected", "رئيس المجلس", "Président du conseil"),
            ("coordinator", "staff", "مدير المصالح", "Directeur des services"),
            ("member", "staff", "نقطة الارتكاز", "Point focal"),
            ("member", "equality-body", "مقررة الهيئة", "Rapporteuse de l'instance"),
            ("member", "equality-body", "عضوة الهيئة", "Membre de l'instance"),
            ("member", "equality-body", "عضو الهيئة", "Membre de l'instance"),
            ("member", "elected", "عضو المجلس", "Membre du conseil"),
        ]
        for (index, member) in members.enumerated() {
            try db.run("""
                INSERT INTO committee_members (committee_id, position, honorific_ar, honorific_fr, name_ar, name_fr,
                                               function_ar, function_fr, role, category)
                VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)
                """, [committeeID, index + 1, index % 2 == 0 ? "السيد" : "السيدة", index % 2 == 0 ? "M." : "Mme",
                      "عضو تجريبي \(n)-\(index + 1)", member.ar, member.fr, member.role, member.category])
        }

        var milestoneIDs: [String: Int] = [:]
        for (index, step) in milestones.enumerated() {
            milestoneIDs[step.kind] = try insert(db, """
                INSERT INTO milestones (program_id, position, kind, title_ar, title_fr, place_ar, place_fr,
                                        date_start, date_end, date_precision, done)
                VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)
                """, [programID, index + 1, step.kind, step.ar, step.fr, step.start, step.end, step.precision, step.start != nil])
        }

        var axisIDs: [Int] = []
        for (index, axis) in axes.enumerated() {
            axisIDs.append(try insert(db, "INSERT INTO axes (program_id, number, title_ar, title_fr) VALUES (?, ?, ?, ?)",
                                      [programID, index + 1, axis.ar, axis.fr]))
        }

        var projectIDs: [Int] = []
        for number in 1...projects {
            let long = number % 2 == 0
            let projectID = try insert(db, """
                INSERT INTO projects (program_id, axis_id, number, title_ar, title_fr, slogan_ar, slogan_fr,
                                      duration_ar, duration_fr, date_start, date_end, budget_centimes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '2024-01-01', ?, ?)
                """, [programID, axisIDs[(number - 1) % axisIDs.count], number,
                      "المشروع التجريبي \(number) للجماعة \(n): تعزيز المشاركة المواطنة في تدبير الشأن المحلي",
                      "Projet synthétique \(number) de la commune \(n) : renforcer la participation citoyenne à la gestion locale",
                      number == 1 ? "جماعة منفتحة" : nil, number == 1 ? "Une commune ouverte" : nil,
                      long ? "سنتين" : "سنة", long ? "Deux ans" : "Un an", long ? "2025-12-31" : "2024-12-31",
                      number % 3 == 0 ? nil : (number * 2_500_000 + n * 10_000)])
            projectIDs.append(projectID)
            for position in 1...2 {
                try db.run("INSERT INTO project_objectives (project_id, position, text_ar, text_fr) VALUES (?, ?, ?, ?)",
                           [projectID, position, "تعزيز الثقة بين المواطن والجماعة (\(position))", "Renforcer la confiance entre le citoyen et la commune (\(position))"])
            }
            try db.run("INSERT INTO project_expected_results (project_id, position, text_ar, text_fr) VALUES (?, 1, ?, ?)",
                       [projectID, "جعل المواطن شريكا في تحديد الاحتياجات وإيجاد الحلول", "Faire du citoyen un partenaire dans l'identification des besoins"])
            for kind in ["follow-up", "impact"] {
                try db.run("INSERT INTO project_indicators (project_id, kind, position, text_ar, text_fr) VALUES (?, ?, 1, ?, ?)",
                           [projectID, kind, kind == "impact" ? "نسبة رضى المواطنين" : "عدد اللقاءات التواصلية",
                            kind == "impact" ? "Taux de satisfaction des citoyens" : "Nombre de rencontres de communication"])
            }
            for position in 1...3 {
                let partner = partners[(n + number + position) % partners.count]
                try db.run("""
                    INSERT INTO project_partners (project_id, partner_id, position, contribution_ar, contribution_fr, listed)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, [projectID, partner, position,
                          position == 1 ? nil : "تتحمل تكلفة التكوين والمواكبة", position == 1 ? nil : "Prend en charge la formation et l'accompagnement",
                          position != 3])
            }
            for number in 1...activities {
                // cost: an amount, a dash, a text to be set later, or unknown (the four shapes the documents use)
                let shape = number % 4
                let funder = number % 3 == 0 ? partners[(n + number) % partners.count] : nil
                let activityID = try insert(db, """
                    INSERT INTO activities (project_id, number, title_ar, title_fr, cost_centimes, cost_text_ar, cost_text_fr,
                                            funding_ar, funding_fr, funding_partner_id, date_start, date_end)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [projectID, number, "النشاط التجريبي \(number): تنظيم لقاءات تحسيسية ودورات تكوينية",
                          "Activité synthétique \(number) : rencontres de sensibilisation et formations",
                          shape == 0 ? 1_000_000 * number : nil,
                          shape == 1 ? "-" : shape == 2 ? "ستحدد من الجهة الملزمة بتنفيذ النشاط" : nil,
                          shape == 1 ? "-" : shape == 2 ? "Sera fixé par l'organisme chargé de la mise en œuvre" : nil,
                          funder == nil ? "ذاتي" : "شريك", funder == nil ? "Autofinancement" : "Partenaire", funder,
                          String(format: "2024-%02d", number % 12 + 1), long ? "2025-12" : "2024-12"])
                for position in 1...(number % 2 + 1) {
                    try db.run("INSERT INTO activity_partners (activity_id, partner_id, position) VALUES (?, ?, ?)",
                               [activityID, partners[(n + number + 2 * position) % partners.count], position])
                }
            }
        }

        let workshopAxisCounts = (0..<axisIDs.count).map { (n + 3 * $0) % 7 + 1 }
        let platformAxisCounts = (0..<axisIDs.count).map { (2 * n + $0) % 9 }
        let projectCounts = (0..<projectIDs.count).map { (n + $0) % 5 + 1 }
        let workshop = try insert(db, """
            INSERT INTO events (program_id, milestone_id, kind, channel, title_ar, title_fr, date_start, date_end, date_precision,
                                time_start, place_ar, place_fr, description_ar, description_fr,
                                participants, women, associations, equality_body_members, proposals_total)
            VALUES (?, ?, 'co-preparation-workshop', 'workshop', 'الورشة الأولى', 'Premier atelier', '2023-05-17', NULL, 'day',
                    '10:00', 'مقر الجماعة', 'Siège de la commune', 'اللقاء التشاوري حول برنامج الانفتاح', 'Rencontre consultative sur le programme',
                    ?, ?, ?, ?, ?)
            """, [programID, milestoneIDs["co-preparation-workshop"], 30 + n % 40, 10 + n % 20, n % 15, 4 + n % 6,
                  workshopAxisCounts.reduce(0, +)])
        let platform = try insert(db, """
            INSERT INTO events (program_id, milestone_id, kind, channel, title_ar, title_fr, date_start, date_end, date_precision,
                                participants, proposals_total)
            VALUES (?, ?, 'digital-call', 'platform', 'المشاركة الرقمية', 'Participation numérique', '2023-06-09', '2023-06-14', 'range',
                    NULL, ?)
            """, [programID, milestoneIDs["digital-call"], platformAxisCounts.reduce(0, +)])
        let consultation = try insert(db, """
            INSERT INTO events (program_id, milestone_id, kind, channel, title_ar, title_fr, date_start, date_end, date_precision,
                                participants, women, proposals_total)
            VALUES (?, ?, 'consultation-workshop', 'workshop', 'ورشة التشاور حول المسودة', 'Atelier de consultation sur le brouillon',
                    '2023-07-06', NULL, 'day', ?, ?, ?)
            """, [programID, milestoneIDs["consultation-workshop"], 20 + n % 30, 8 + n % 12, projectCounts.reduce(0, +)])
        let countSQL = """
            INSERT INTO event_proposal_counts (event_id, axis_id, project_id, channel, status, count) VALUES (?, ?, ?, ?, NULL, ?)
            """
        for (axis, count) in zip(axisIDs, workshopAxisCounts) { try db.run(countSQL, [workshop, axis, nil as Int?, "workshop", count]) }
        for (axis, count) in zip(axisIDs, platformAxisCounts) { try db.run(countSQL, [platform, axis, nil as Int?, "platform", count]) }
        for (project, count) in zip(projectIDs, projectCounts) { try db.run(countSQL, [consultation, nil as Int?, project, "workshop", count]) }
    }
}
