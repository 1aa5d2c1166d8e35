import Foundation
import XCTest
import Templates
@testable import Portal

/// Every counted noun of the real catalogs, written out for 0, 1, 2, 3, 10, 11, 100, 101 and 102
/// in Arabic and French, both as a page renders `{{t key n … }}` and as code writes a message
/// (`Translations.counted`, behind `t(key, count:)`): the two must read the same words.
/// The grammar is the point: Arabic "لا …", "… واحد/واحدة", the dual, the plural after 3–10, the
/// singular accusative after 11–99, the singular genitive after 100; French singular for 0 and 1.
/// A count and its noun never part at a line's end: a no-break space (U+00A0) joins them.
final class CountedTextTests: XCTestCase {
    static let counts = [0, 1, 2, 3, 10, 11, 100, 101, 102]

    /// One counted entry and what it reads, one text per count of `counts`; `second` fills `{2}`.
    struct Counted {
        var key: String
        var second: String? = nil
        var ar: [String]
        var fr: [String]
    }

    /// `head` + each of `middles` + `tail`: the words around a count written once.
    static func around(_ head: String, _ middles: [String], _ tail: String = "") -> [String] {
        middles.map { head + $0 + tail }
    }

    // MARK: - The nouns

    static let axes = [
        Counted(key: "program.axis_count",
                ar: ["لا محور", "محور واحد", "محوران", "3\u{A0}محاور", "10\u{A0}محاور", "11\u{A0}محورا", "100\u{A0}محور", "101\u{A0}محور", "102\u{A0}محور"],
                fr: ["0\u{A0}axe", "1\u{A0}axe", "2\u{A0}axes", "3\u{A0}axes", "10\u{A0}axes", "11\u{A0}axes", "100\u{A0}axes", "101\u{A0}axes", "102\u{A0}axes"]),
    ]

    static let projectsAr = ["لا مشروع", "مشروع واحد", "مشروعان", "3\u{A0}مشاريع", "10\u{A0}مشاريع", "11\u{A0}مشروعا", "100\u{A0}مشروع", "101\u{A0}مشروع", "102\u{A0}مشروع"]
    static let projectsFr = ["0\u{A0}projet", "1\u{A0}projet", "2\u{A0}projets", "3\u{A0}projets", "10\u{A0}projets", "11\u{A0}projets", "100\u{A0}projets", "101\u{A0}projets", "102\u{A0}projets"]
    static let projects = [
        Counted(key: "commune.project_count", ar: projectsAr, fr: projectsFr),
        Counted(key: "program.project_count_short", ar: projectsAr, fr: projectsFr),
    ]

    static let activities = [
        Counted(key: "program.activity_count",
                ar: ["لا نشاط", "نشاط واحد", "نشاطان", "3\u{A0}أنشطة", "10\u{A0}أنشطة", "11\u{A0}نشاطا", "100\u{A0}نشاط", "101\u{A0}نشاط", "102\u{A0}نشاط"],
                fr: ["0\u{A0}activité", "1\u{A0}activité", "2\u{A0}activités", "3\u{A0}activités", "10\u{A0}activités", "11\u{A0}activités", "100\u{A0}activités",
                     "101\u{A0}activités", "102\u{A0}activités"]),
    ]

    static let participants = [
        Counted(key: "home.participants",
                ar: around("", ["لا مشارك", "مشارك واحد", "مشاركان", "3\u{A0}مشاركين", "10\u{A0}مشاركين", "11\u{A0}مشاركا", "100\u{A0}مشارك", "101\u{A0}مشارك",
                                "102\u{A0}مشارك"], " في اللقاءات"),
                fr: around("", ["0\u{A0}participant·e", "1\u{A0}participant·e", "2\u{A0}participant·es", "3\u{A0}participant·es", "10\u{A0}participant·es",
                                "11\u{A0}participant·es", "100\u{A0}participant·es", "101\u{A0}participant·es", "102\u{A0}participant·es"], " aux rencontres")),
    ]

    static let proposals = [
        Counted(key: "proposals.total",
                ar: ["لا مقترح يطابق عوامل التصفية.", "مقترح واحد يطابق عوامل التصفية.", "مقترحان يطابقان عوامل التصفية.",
                     "3\u{A0}مقترحات تطابق عوامل التصفية.", "10\u{A0}مقترحات تطابق عوامل التصفية.", "11\u{A0}مقترحا تطابق عوامل التصفية.",
                     "100\u{A0}مقترح تطابق عوامل التصفية.", "101\u{A0}مقترح تطابق عوامل التصفية.", "102\u{A0}مقترح تطابق عوامل التصفية."],
                fr: ["0\u{A0}proposition correspond aux filtres.", "1\u{A0}proposition correspond aux filtres.",
                     "2\u{A0}propositions correspondent aux filtres.", "3\u{A0}propositions correspondent aux filtres.",
                     "10\u{A0}propositions correspondent aux filtres.", "11\u{A0}propositions correspondent aux filtres.",
                     "100\u{A0}propositions correspondent aux filtres.", "101\u{A0}propositions correspondent aux filtres.",
                     "102\u{A0}propositions correspondent aux filtres."]),
        Counted(key: "triage.queue.total",
                ar: ["لا مقترح يوافق التصفية.", "مقترح واحد يوافق التصفية.", "مقترحان يوافقان التصفية.", "3\u{A0}مقترحات توافق التصفية.",
                     "10\u{A0}مقترحات توافق التصفية.", "11\u{A0}مقترحا توافق التصفية.", "100\u{A0}مقترح توافق التصفية.", "101\u{A0}مقترح توافق التصفية.",
                     "102\u{A0}مقترح توافق التصفية."],
                fr: ["0\u{A0}proposition correspond aux filtres.", "1\u{A0}proposition correspond aux filtres.",
                     "2\u{A0}propositions correspondent aux filtres.", "3\u{A0}propositions correspondent aux filtres.",
                     "10\u{A0}propositions correspondent aux filtres.", "11\u{A0}propositions correspondent aux filtres.",
                     "100\u{A0}propositions correspondent aux filtres.", "101\u{A0}propositions correspondent aux filtres.",
                     "102\u{A0}propositions correspondent aux filtres."]),
        Counted(key: "proposal.tracking.merged_from",
                ar: ["لم يدمج أي مقترح مماثل في هذا المقترح.", "تم دمج مقترح واحد مماثل في هذا المقترح.",
                     "تم دمج مقترحين مماثلين في هذا المقترح.", "تم دمج 3\u{A0}مقترحات مماثلة في هذا المقترح.",
                     "تم دمج 10\u{A0}مقترحات مماثلة في هذا المقترح.", "تم دمج 11\u{A0}مقترحا مماثلا في هذا المقترح.",
                     "تم دمج 100\u{A0}مقترح مماثل في هذا المقترح.", "تم دمج 101\u{A0}مقترح مماثل في هذا المقترح.",
                     "تم دمج 102\u{A0}مقترح مماثل في هذا المقترح."],
                fr: around("", ["0\u{A0}proposition semblable a été fusionnée", "1\u{A0}proposition semblable a été fusionnée",
                                "2\u{A0}propositions semblables ont été fusionnées", "3\u{A0}propositions semblables ont été fusionnées",
                                "10\u{A0}propositions semblables ont été fusionnées", "11\u{A0}propositions semblables ont été fusionnées",
                                "100\u{A0}propositions semblables ont été fusionnées", "101\u{A0}propositions semblables ont été fusionnées",
                                "102\u{A0}propositions semblables ont été fusionnées"], " dans celle-ci.")),
        Counted(key: "participation.portal.total",
                ar: ["لم يرسل أي مقترح عبر هذه البوابة."]
                    + around("", ["مقترح واحد أرسل عبر هذه البوابة، محسوب", "مقترحان أرسلا عبر هذه البوابة، محسوبان",
                                  "3\u{A0}مقترحات أرسلت عبر هذه البوابة، محسوبة", "10\u{A0}مقترحات أرسلت عبر هذه البوابة، محسوبة",
                                  "11\u{A0}مقترحا أرسلت عبر هذه البوابة، محسوبة", "100\u{A0}مقترح أرسلت عبر هذه البوابة، محسوبة",
                                  "101\u{A0}مقترح أرسلت عبر هذه البوابة، محسوبة", "102\u{A0}مقترح أرسلت عبر هذه البوابة، محسوبة"],
                             " بمعزل عن أرقام الورشات أعلاه."),
                fr: around("", ["0\u{A0}proposition envoyée sur ce portail, comptée", "1\u{A0}proposition envoyée sur ce portail, comptée",
                                "2\u{A0}propositions envoyées sur ce portail, comptées", "3\u{A0}propositions envoyées sur ce portail, comptées",
                                "10\u{A0}propositions envoyées sur ce portail, comptées", "11\u{A0}propositions envoyées sur ce portail, comptées",
                                "100\u{A0}propositions envoyées sur ce portail, comptées", "101\u{A0}propositions envoyées sur ce portail, comptées",
                                "102\u{A0}propositions envoyées sur ce portail, comptées"], " à part des chiffres des ateliers ci-dessus.")),
        Counted(key: "proposals.counted_apart",
                ar: ["لا تحصي تقارير الجماعة أي مقترح جُمع خلال لقاءاتها ومشاركتها الرقمية (انظر الأرقام). لا تُعرض هنا إلا المقترحات المرسلة عبر هذه البوابة أو المسجلة من بطاقات الورشات، ولكل منها صفحة تتبع."]
                    + around("تحصي تقارير الجماعة ", ["مقترحا واحدا جُمع", "مقترحين جُمعا", "3\u{A0}مقترحات جُمعت", "10\u{A0}مقترحات جُمعت",
                                                      "11\u{A0}مقترحا جُمعت", "100\u{A0}مقترح جُمعت", "101\u{A0}مقترح جُمعت", "102\u{A0}مقترح جُمعت"],
                             " خلال لقاءاتها ومشاركتها الرقمية (انظر الأرقام): هذه مجاميع، وليست مقترحات مسجلة واحدا واحدا. لا تُعرض هنا إلا المقترحات المرسلة عبر هذه البوابة أو المسجلة من بطاقات الورشات، ولكل منها صفحة تتبع."),
                fr: around("Les comptes rendus de la commune dénombrent ",
                           ["0\u{A0}proposition recueillie", "1\u{A0}proposition recueillie", "2\u{A0}propositions recueillies", "3\u{A0}propositions recueillies",
                            "10\u{A0}propositions recueillies", "11\u{A0}propositions recueillies", "100\u{A0}propositions recueillies",
                            "101\u{A0}propositions recueillies", "102\u{A0}propositions recueillies"],
                           " lors de ses rencontres et de sa participation numérique (voir les chiffres)\u{A0}: ce sont des totaux, pas des propositions une par une. Ne sont listées ici que les propositions envoyées sur ce portail ou saisies depuis les fiches d'atelier, chacune avec sa page de suivi.")),
        Counted(key: "calls.form.has_proposals",
                ar: ["لم يتلق هذا النداء أي مقترح.",
                     "تلقى هذا النداء مقترحا واحدا: لم يعد نوعه قابلا للتغيير، ويجب أن تبقى مدته شاملة له.",
                     "تلقى هذا النداء مقترحين: لم يعد نوعه قابلا للتغيير، ويجب أن تبقى مدته شاملة لهما."]
                    + around("تلقى هذا النداء ", ["3\u{A0}مقترحات", "10\u{A0}مقترحات", "11\u{A0}مقترحا", "100\u{A0}مقترح", "101\u{A0}مقترح", "102\u{A0}مقترح"],
                             ": لم يعد نوعه قابلا للتغيير، ويجب أن تبقى مدته شاملة لها."),
                fr: around("Cet appel a reçu ", ["0\u{A0}proposition", "1\u{A0}proposition"],
                           "\u{A0}: son type ne change plus, et sa fenêtre doit continuer à la contenir.")
                    + around("Cet appel a reçu ", ["2\u{A0}propositions", "3\u{A0}propositions", "10\u{A0}propositions", "11\u{A0}propositions",
                                                   "100\u{A0}propositions", "101\u{A0}propositions", "102\u{A0}propositions"],
                             "\u{A0}: son type ne change plus, et sa fenêtre doit continuer à les contenir.")),
        Counted(key: "calls.refused.has_proposals",
                ar: ["لم يتلق هذا النداء أي مقترح."]
                    + around("تلقى هذا النداء ", ["مقترحا واحدا", "مقترحين", "3\u{A0}مقترحات", "10\u{A0}مقترحات", "11\u{A0}مقترحا", "100\u{A0}مقترح",
                                                  "101\u{A0}مقترح", "102\u{A0}مقترح"], ": لا يمكن حذفه. يمكنكم إغلاقه."),
                fr: around("Cet appel a reçu ", ["0\u{A0}proposition", "1\u{A0}proposition", "2\u{A0}propositions", "3\u{A0}propositions", "10\u{A0}propositions",
                                                 "11\u{A0}propositions", "100\u{A0}propositions", "101\u{A0}propositions", "102\u{A0}propositions"],
                           "\u{A0}: il ne peut pas être supprimé. Vous pouvez le clôturer.")),
    ]

    static let errors = [
        Counted(key: "proposal.form.has_errors", ar: formErrorsAr, fr: formErrorsFr("voyez")),
        Counted(key: "people.form.has_errors", ar: formErrorsAr, fr: formErrorsFr("voir")),
        Counted(key: "triage.error.summary",
                ar: ["لا يتضمن الطلب أي خطأ.", "يتضمن الطلب خطأ واحدا: انظروا الرسالة تحت الحقل.",
                     "يتضمن الطلب خطأين: انظروا الرسالتين تحت الحقلين."]
                    + around("يتضمن الطلب ", ["3\u{A0}أخطاء", "10\u{A0}أخطاء", "11\u{A0}خطأ", "100\u{A0}خطأ", "101\u{A0}خطأ", "102\u{A0}خطأ"],
                             ": انظروا الرسائل تحت الحقول."),
                fr: around("La demande contient ", ["0\u{A0}erreur", "1\u{A0}erreur"], "\u{A0}: voyez le message sous le champ.")
                    + around("La demande contient ", ["2\u{A0}erreurs", "3\u{A0}erreurs", "10\u{A0}erreurs", "11\u{A0}erreurs", "100\u{A0}erreurs", "101\u{A0}erreurs",
                                                      "102\u{A0}erreurs"], "\u{A0}: voyez les messages sous les champs.")),
    ]
    static let formErrorsAr = ["لا خطأ في الاستمارة.", "في الاستمارة خطأ واحد: انظر الرسالة تحت الحقل.",
                               "في الاستمارة خطآن: انظر الرسالتين تحت الحقلين."]
        + around("في الاستمارة ", ["3\u{A0}أخطاء", "10\u{A0}أخطاء", "11\u{A0}خطأ", "100\u{A0}خطأ", "101\u{A0}خطأ", "102\u{A0}خطأ"], ": انظر الرسائل تحت الحقول.")
    static func formErrorsFr(_ see: String) -> [String] {
        around("Le formulaire contient ", ["0\u{A0}erreur", "1\u{A0}erreur"], "\u{A0}: \(see) le message sous le champ.")
            + around("Le formulaire contient ", ["2\u{A0}erreurs", "3\u{A0}erreurs", "10\u{A0}erreurs", "11\u{A0}erreurs", "100\u{A0}erreurs", "101\u{A0}erreurs",
                                                 "102\u{A0}erreurs"], "\u{A0}: \(see) les messages sous les champs.")
    }

    /// Characters as a limit: "… على الأكثر" / "… au plus".
    static let atMostAr = ["حرف واحد", "حرفان", "3\u{A0}أحرف", "10\u{A0}أحرف", "11\u{A0}حرفا", "100\u{A0}حرف", "101\u{A0}حرف", "102\u{A0}حرف"]
    static let charactersFr = ["0\u{A0}caractère", "1\u{A0}caractère", "2\u{A0}caractères", "3\u{A0}caractères", "10\u{A0}caractères", "11\u{A0}caractères",
                               "100\u{A0}caractères", "101\u{A0}caractères", "102\u{A0}caractères"]
    static let characters = [
        Counted(key: "proposal.error.too_long",
                ar: ["هذا النص طويل جدا: لا يقبل هذا الحقل أي حرف."] + around("هذا النص طويل جدا: ", atMostAr, " على الأكثر."),
                fr: around("Ce texte est trop long\u{A0}: ", charactersFr, " au plus.")),
        Counted(key: "triage.error.too_long",
                ar: ["هذا النص طويل جدا: لا يقبل هذا الحقل أي حرف."] + around("هذا النص طويل جدا: ", atMostAr, " على الأكثر."),
                fr: around("Ce texte est trop long\u{A0}: ", charactersFr, " au plus.")),
        Counted(key: "triage.workshop.error.too_long", second: "4",
                ar: ["السطر 4: النص طويل جدا (لا يقبل هذا الحقل أي حرف)."] + around("السطر 4: النص طويل جدا (", atMostAr, " على الأكثر)."),
                fr: around("Ligne 4\u{A0}: texte trop long (", charactersFr, " au plus).")),
        Counted(key: "review.error.too_long",
                ar: ["لا يقبل هذا الحقل أي حرف."] + around("", atMostAr, " على الأكثر."),
                fr: around("Au plus ", charactersFr, ".")),
        Counted(key: "calls.error.too_long",
                ar: ["النص طويل جدا: لا يقبل هذا الحقل أي حرف."] + around("النص طويل جدا: ", atMostAr, " على الأكثر."),
                fr: around("Texte trop long\u{A0}: ", charactersFr, " au plus.")),
        Counted(key: "admin.password.hint",
                ar: around("", ["لا حد أدنى لعدد الأحرف", "حرف واحد على الأقل", "حرفان على الأقل", "3\u{A0}أحرف على الأقل", "10\u{A0}أحرف على الأقل",
                                "11\u{A0}حرفا على الأقل", "100\u{A0}حرف على الأقل", "101\u{A0}حرف على الأقل", "102\u{A0}حرف على الأقل"],
                            "؛ لا بريدك الإلكتروني ولا اسم جماعتك."),
                fr: around("Au moins ", charactersFr, "\u{A0}; ni votre adresse e-mail ni le nom de votre commune.")),
    ]

    static let lettersAndDigits = [
        Counted(key: "lookup.error.length", second: "18",
                ar: around("", ["لم تكتب أي حرف أو رقم", "كتبت حرفا أو رقما واحدا", "كتبت حرفين أو رقمين", "كتبت 3\u{A0}أحرف وأرقام",
                                "كتبت 10\u{A0}أحرف وأرقام", "كتبت 11\u{A0}حرفا ورقما", "كتبت 100\u{A0}حرف ورقم", "كتبت 101\u{A0}حرف ورقم", "كتبت 102\u{A0}حرف ورقم"],
                            "، ورمز التتبع يتكون من 18. تحقق منه في وصل الإرسال."),
                fr: around("Vous avez tapé ", ["0\u{A0}lettre ou chiffre", "1\u{A0}lettre ou chiffre", "2\u{A0}lettres et chiffres", "3\u{A0}lettres et chiffres",
                                               "10\u{A0}lettres et chiffres", "11\u{A0}lettres et chiffres", "100\u{A0}lettres et chiffres",
                                               "101\u{A0}lettres et chiffres", "102\u{A0}lettres et chiffres"],
                           "\u{A0}; un code de suivi en a 18. Vérifiez-le sur votre reçu.")),
    ]

    /// Minutes after "بعد" (genitive: "دقيقتين") / "dans".
    static let afterMinutesAr = ["بعد لحظات", "بعد دقيقة واحدة", "بعد دقيقتين", "بعد 3\u{A0}دقائق", "بعد 10\u{A0}دقائق", "بعد 11\u{A0}دقيقة",
                                 "بعد 100\u{A0}دقيقة", "بعد 101\u{A0}دقيقة", "بعد 102\u{A0}دقيقة"]
    static let minutesFr = ["0\u{A0}minute", "1\u{A0}minute", "2\u{A0}minutes", "3\u{A0}minutes", "10\u{A0}minutes", "11\u{A0}minutes", "100\u{A0}minutes", "101\u{A0}minutes",
                            "102\u{A0}minutes"]
    static let minutes = [
        Counted(key: "proposal.wait.message",
                ar: around("أرسلت اقتراحات كثيرة من هذا الاتصال. أعد المحاولة ", afterMinutesAr, "."),
                fr: around("Trop de propositions ont été envoyées depuis cette connexion. Réessayez dans ", minutesFr, ".")),
        Counted(key: "admin.login.throttled",
                ar: around("محاولات كثيرة. أعد المحاولة ", afterMinutesAr, "."),
                fr: around("Trop de tentatives. Réessayez dans ", minutesFr, ".")),
        Counted(key: "lookup.wait.message",
                ar: around("تم البحث عن رموز كثيرة من هذا الاتصال. أعد المحاولة ", afterMinutesAr, "."),
                fr: around("Trop de codes ont été cherchés depuis cette connexion. Réessayez dans ", minutesFr, ".")),
        Counted(key: "privacy.kept.address",
                ar: ["يحذف عنوان الشبكة فورا."]
                    + around("يحذف عنوان الشبكة ", Array(afterMinutesAr.dropFirst()), "، وهي المدة التي يحتاجها تحديد عدد الإرسالات."),
                fr: around("L'adresse réseau est effacée après ", minutesFr, ", le temps dont la limite d'envois a besoin.")),
    ]

    /// Months after "بعد … من نهاية" / "… après la fin".
    static let monthsAr = ["عند", "بعد شهر واحد من", "بعد شهرين من", "بعد 3\u{A0}أشهر من", "بعد 10\u{A0}أشهر من", "بعد 11\u{A0}شهرا من",
                           "بعد 100\u{A0}شهر من", "بعد 101\u{A0}شهر من", "بعد 102\u{A0}شهر من"]
    static let monthsFr = ["0\u{A0}mois", "1\u{A0}mois", "2\u{A0}mois", "3\u{A0}mois", "10\u{A0}mois", "11\u{A0}mois", "100\u{A0}mois", "101\u{A0}mois", "102\u{A0}mois"]
    static let months = [
        Counted(key: "privacy.kept.personal",
                ar: around("تحذف معطياتك الشخصية تلقائيا ", monthsAr,
                           " نهاية مدة البرنامج (31 دجنبر من سنته الأخيرة). ويبقى مع الاقتراح الاسم الذي اخترت عرضه."),
                fr: around("Vos données personnelles sont effacées automatiquement ", monthsFr,
                           " après la fin de la période du programme (le 31 décembre de sa dernière année). Un nom que vous avez choisi d'afficher reste avec la proposition.")),
        Counted(key: "terms.data.text",
                ar: around("لا يطلع على المعطيات الشخصية المقدمة مع الاقتراح إلا لجنة الجماعة، وتحذف ", monthsAr,
                           " نهاية مدة البرنامج. كل التفاصيل هنا:"),
                fr: around("Les données personnelles données avec une proposition ne sont vues que par le comité de la commune et sont effacées ",
                           monthsFr, " après la fin de la période du programme. Tout est expliqué ici\u{A0}:")),
    ]

    static let days = [
        Counted(key: "people.link.once",
                ar: around("يصلح مرة واحدة وتنتهي صلاحيته ", ["اليوم", "بعد يوم واحد", "بعد يومين", "بعد 3\u{A0}أيام", "بعد 10\u{A0}أيام", "بعد 11\u{A0}يوما",
                                                             "بعد 100\u{A0}يوم", "بعد 101\u{A0}يوم", "بعد 102\u{A0}يوم"], "."),
                fr: around("Il sert une seule fois et expire dans ", ["0\u{A0}jour", "1\u{A0}jour", "2\u{A0}jours", "3\u{A0}jours", "10\u{A0}jours", "11\u{A0}jours",
                                                                      "100\u{A0}jours", "101\u{A0}jours", "102\u{A0}jours"], ".")),
    ]

    static let changes = [
        Counted(key: "details.import.count",
                ar: ["لا تغيير", "تغيير واحد", "تغييران", "3\u{A0}تغييرات", "10\u{A0}تغييرات", "11\u{A0}تغييرا", "100\u{A0}تغيير", "101\u{A0}تغيير", "102\u{A0}تغيير"],
                fr: ["0\u{A0}changement", "1\u{A0}changement", "2\u{A0}changements", "3\u{A0}changements", "10\u{A0}changements", "11\u{A0}changements", "100\u{A0}changements",
                     "101\u{A0}changements", "102\u{A0}changements"]),
    ]

    static let comments = [
        Counted(key: "review.comment_count",
                ar: ["لا ملاحظة", "ملاحظة واحدة", "ملاحظتان", "3\u{A0}ملاحظات", "10\u{A0}ملاحظات", "11\u{A0}ملاحظة", "100\u{A0}ملاحظة", "101\u{A0}ملاحظة", "102\u{A0}ملاحظة"],
                fr: ["0\u{A0}remarque", "1\u{A0}remarque", "2\u{A0}remarques", "3\u{A0}remarques", "10\u{A0}remarques", "11\u{A0}remarques", "100\u{A0}remarques", "101\u{A0}remarques",
                     "102\u{A0}remarques"]),
        Counted(key: "review.open_count",
                ar: ["لا ملاحظة مفتوحة", "ملاحظة واحدة مفتوحة", "ملاحظتان مفتوحتان", "3\u{A0}ملاحظات مفتوحة", "10\u{A0}ملاحظات مفتوحة",
                     "11\u{A0}ملاحظة مفتوحة", "100\u{A0}ملاحظة مفتوحة", "101\u{A0}ملاحظة مفتوحة", "102\u{A0}ملاحظة مفتوحة"],
                fr: ["0\u{A0}remarque ouverte", "1\u{A0}remarque ouverte", "2\u{A0}remarques ouvertes", "3\u{A0}remarques ouvertes", "10\u{A0}remarques ouvertes",
                     "11\u{A0}remarques ouvertes", "100\u{A0}remarques ouvertes", "101\u{A0}remarques ouvertes", "102\u{A0}remarques ouvertes"]),
    ]

    static let calls = [
        Counted(key: "calls.public.count",
                ar: ["لا نداء مفتوح أو قادم", "نداء واحد مفتوح أو قادم", "نداءان مفتوحان أو قادمان", "3\u{A0}نداءات مفتوحة أو قادمة",
                     "10\u{A0}نداءات مفتوحة أو قادمة", "11\u{A0}نداء مفتوحا أو قادما", "100\u{A0}نداء مفتوح أو قادم", "101\u{A0}نداء مفتوح أو قادم",
                     "102\u{A0}نداء مفتوح أو قادم"],
                fr: ["0\u{A0}appel ouvert ou à venir", "1\u{A0}appel ouvert ou à venir", "2\u{A0}appels ouverts ou à venir", "3\u{A0}appels ouverts ou à venir",
                     "10\u{A0}appels ouverts ou à venir", "11\u{A0}appels ouverts ou à venir", "100\u{A0}appels ouverts ou à venir",
                     "101\u{A0}appels ouverts ou à venir", "102\u{A0}appels ouverts ou à venir"]),
    ]

    static let fields = [
        Counted(key: "import.field_count", second: "13",
                ar: ["لا حقل في السطر بدل 13.", "في السطر حقل واحد بدل 13.", "في السطر حقلان بدل 13.", "في السطر 3\u{A0}حقول بدل 13.",
                     "في السطر 10\u{A0}حقول بدل 13.", "في السطر 11\u{A0}حقلاً بدل 13.", "في السطر 100\u{A0}حقل بدل 13.", "في السطر 101\u{A0}حقل بدل 13.",
                     "في السطر 102\u{A0}حقل بدل 13."],
                fr: around("La ligne a ", ["0\u{A0}champ", "1\u{A0}champ", "2\u{A0}champs", "3\u{A0}champs", "10\u{A0}champs", "11\u{A0}champs", "100\u{A0}champs", "101\u{A0}champs",
                                           "102\u{A0}champs"], " au lieu de 13.")),
    ]

    static let results = [
        Counted(key: "search.count",
                ar: ["لا نتيجة", "نتيجة واحدة", "نتيجتان", "3\u{A0}نتائج", "10\u{A0}نتائج", "11\u{A0}نتيجة", "100\u{A0}نتيجة", "101\u{A0}نتيجة", "102\u{A0}نتيجة"],
                fr: ["0\u{A0}résultat", "1\u{A0}résultat", "2\u{A0}résultats", "3\u{A0}résultats", "10\u{A0}résultats", "11\u{A0}résultats", "100\u{A0}résultats",
                     "101\u{A0}résultats", "102\u{A0}résultats"]),
        Counted(key: "search.count_capped",
                ar: ["أكثر من 0\u{A0}نتيجة: أضف كلمة لتضييق البحث", "أكثر من نتيجة واحدة: أضف كلمة لتضييق البحث", "أكثر من نتيجتين: أضف كلمة لتضييق البحث", "أكثر من 3\u{A0}نتائج: أضف كلمة لتضييق البحث", "أكثر من 10\u{A0}نتائج: أضف كلمة لتضييق البحث", "أكثر من 11\u{A0}نتيجة: أضف كلمة لتضييق البحث", "أكثر من 100\u{A0}نتيجة: أضف كلمة لتضييق البحث", "أكثر من 101\u{A0}نتيجة: أضف كلمة لتضييق البحث", "أكثر من 102\u{A0}نتيجة: أضف كلمة لتضييق البحث"],
                fr: ["plus de 0\u{A0}résultat\u{A0}: ajoutez un mot pour préciser", "plus de 1\u{A0}résultat\u{A0}: ajoutez un mot pour préciser", "plus de 2\u{A0}résultats\u{A0}: ajoutez un mot pour préciser", "plus de 3\u{A0}résultats\u{A0}: ajoutez un mot pour préciser", "plus de 10\u{A0}résultats\u{A0}: ajoutez un mot pour préciser", "plus de 11\u{A0}résultats\u{A0}: ajoutez un mot pour préciser", "plus de 100\u{A0}résultats\u{A0}: ajoutez un mot pour préciser", "plus de 101\u{A0}résultats\u{A0}: ajoutez un mot pour préciser", "plus de 102\u{A0}résultats\u{A0}: ajoutez un mot pour préciser"]),
    ]

    static let communes = [
        Counted(key: "dashboard.communes_count",
                ar: ["لا جماعة", "جماعة واحدة", "جماعتان", "3\u{A0}جماعات", "10\u{A0}جماعات", "11\u{A0}جماعة", "100\u{A0}جماعة", "101\u{A0}جماعة", "102\u{A0}جماعة"],
                fr: ["0\u{A0}commune", "1\u{A0}commune", "2\u{A0}communes", "3\u{A0}communes", "10\u{A0}communes", "11\u{A0}communes", "100\u{A0}communes",
                     "101\u{A0}communes", "102\u{A0}communes"]),
    ]

    static var all: [Counted] {
        axes + projects + activities + participants + proposals + errors + characters + lettersAndDigits + minutes + months + days
            + changes + comments + calls + fields + results + communes
    }

    func testAxes() throws { try check(Self.axes) }
    func testResults() throws { try check(Self.results) }
    func testCommunes() throws { try check(Self.communes) }
    func testProjects() throws { try check(Self.projects) }
    func testActivities() throws { try check(Self.activities) }
    func testParticipants() throws { try check(Self.participants) }
    func testProposals() throws { try check(Self.proposals) }
    func testErrors() throws { try check(Self.errors) }
    func testCharacters() throws { try check(Self.characters) }
    func testLettersAndDigits() throws { try check(Self.lettersAndDigits) }
    func testMinutes() throws { try check(Self.minutes) }
    func testMonths() throws { try check(Self.months) }
    func testDays() throws { try check(Self.days) }
    func testChanges() throws { try check(Self.changes) }
    func testComments() throws { try check(Self.comments) }
    func testCalls() throws { try check(Self.calls) }
    func testFields() throws { try check(Self.fields) }

    /// A counted entry added to a catalog gets its line in one of the tables above.
    func testEveryCountedEntryIsWrittenOutHere() throws {
        let translations = try Translations(directory: repositoryRoot.appendingPathComponent("Templates/i18n"))
        XCTAssertEqual(Self.all.map(\.key).sorted(), translations.countedKeys)
    }

    // MARK: - Rendering through the real catalogs

    /// The repository's catalogs with one template per entry, `{{t key n second }}`.
    static let library: Result<TemplateLibrary, Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("infitah-counted-\(UUID().uuidString)")
        let i18n = folder.appendingPathComponent("i18n")
        try FileManager.default.createDirectory(at: i18n, withIntermediateDirectories: true)
        for name in ["ar.strings", "fr.strings"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates/i18n/" + name),
                                             to: i18n.appendingPathComponent(name))
        }
        for entry in all {
            try Data("{{t \(entry.key) n second }}".utf8).write(to: folder.appendingPathComponent(entry.key + ".html"))
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        return try TemplateLibrary(directory: folder)
    }

    func check(_ entries: [Counted], file: StaticString = #filePath, line: UInt = #line) throws {
        let library = try Self.library.get()
        for entry in entries {
            for (language, expected) in [(Language.ar, entry.ar), (.fr, entry.fr)] {
                XCTAssertEqual(expected.count, Self.counts.count, "\(entry.key) \(language.rawValue): one text per count", file: file, line: line)
                let rendered = try Self.counts.map { n in
                    let context: TemplateValue = ["n": .int(n), "second": .string(entry.second ?? "")]
                    return Self.unescaped(try library.render(entry.key, context, language: language))
                }
                XCTAssertEqual(rendered, expected, "\(entry.key) in \(language.rawValue), as a page renders it", file: file, line: line)
                let written = Self.counts.map { library.translations.counted(entry.key, $0, language, entry.second.map { [$0] } ?? []) }
                XCTAssertEqual(written, expected, "\(entry.key) in \(language.rawValue), as code writes it", file: file, line: line)
            }
        }
    }

    /// The page's text as read: the renderer escapes the catalog's apostrophes.
    static func unescaped(_ html: String) -> String {
        html.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
