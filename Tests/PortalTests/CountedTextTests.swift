import Foundation
import XCTest
import Templates
@testable import Portal

/// Every counted noun of the real catalogs, written out for 0, 1, 2, 3, 10, 11, 100, 101 and 102
/// in Arabic and French, both as a page renders `{{t key n … }}` and as code writes a message
/// (`Translations.counted`, behind `t(key, count:)`): the two must read the same words.
/// The grammar is the point: Arabic "لا …", "… واحد/واحدة", the dual, the plural after 3–10, the
/// singular accusative after 11–99, the singular genitive after 100; French singular for 0 and 1.
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
                ar: ["لا محور", "محور واحد", "محوران", "3 محاور", "10 محاور", "11 محورا", "100 محور", "101 محور", "102 محور"],
                fr: ["0 axe", "1 axe", "2 axes", "3 axes", "10 axes", "11 axes", "100 axes", "101 axes", "102 axes"]),
    ]

    static let projectsAr = ["لا مشروع", "مشروع واحد", "مشروعان", "3 مشاريع", "10 مشاريع", "11 مشروعا", "100 مشروع", "101 مشروع", "102 مشروع"]
    static let projectsFr = ["0 projet", "1 projet", "2 projets", "3 projets", "10 projets", "11 projets", "100 projets", "101 projets", "102 projets"]
    static let projects = [
        Counted(key: "commune.project_count", ar: projectsAr, fr: projectsFr),
        Counted(key: "program.project_count_short", ar: projectsAr, fr: projectsFr),
    ]

    static let activities = [
        Counted(key: "program.activity_count",
                ar: ["لا نشاط", "نشاط واحد", "نشاطان", "3 أنشطة", "10 أنشطة", "11 نشاطا", "100 نشاط", "101 نشاط", "102 نشاط"],
                fr: ["0 activité", "1 activité", "2 activités", "3 activités", "10 activités", "11 activités", "100 activités",
                     "101 activités", "102 activités"]),
    ]

    static let participants = [
        Counted(key: "home.participants",
                ar: around("", ["لا مشارك", "مشارك واحد", "مشاركان", "3 مشاركين", "10 مشاركين", "11 مشاركا", "100 مشارك", "101 مشارك",
                                "102 مشارك"], " في اللقاءات"),
                fr: around("", ["0 participant·e", "1 participant·e", "2 participant·es", "3 participant·es", "10 participant·es",
                                "11 participant·es", "100 participant·es", "101 participant·es", "102 participant·es"], " aux rencontres")),
    ]

    static let proposals = [
        Counted(key: "proposals.total",
                ar: ["لا مقترح يطابق عوامل التصفية.", "مقترح واحد يطابق عوامل التصفية.", "مقترحان يطابقان عوامل التصفية.",
                     "3 مقترحات تطابق عوامل التصفية.", "10 مقترحات تطابق عوامل التصفية.", "11 مقترحا تطابق عوامل التصفية.",
                     "100 مقترح تطابق عوامل التصفية.", "101 مقترح تطابق عوامل التصفية.", "102 مقترح تطابق عوامل التصفية."],
                fr: ["0 proposition correspond aux filtres.", "1 proposition correspond aux filtres.",
                     "2 propositions correspondent aux filtres.", "3 propositions correspondent aux filtres.",
                     "10 propositions correspondent aux filtres.", "11 propositions correspondent aux filtres.",
                     "100 propositions correspondent aux filtres.", "101 propositions correspondent aux filtres.",
                     "102 propositions correspondent aux filtres."]),
        Counted(key: "triage.queue.total",
                ar: ["لا مقترح يوافق التصفية.", "مقترح واحد يوافق التصفية.", "مقترحان يوافقان التصفية.", "3 مقترحات توافق التصفية.",
                     "10 مقترحات توافق التصفية.", "11 مقترحا توافق التصفية.", "100 مقترح توافق التصفية.", "101 مقترح توافق التصفية.",
                     "102 مقترح توافق التصفية."],
                fr: ["0 proposition correspond aux filtres.", "1 proposition correspond aux filtres.",
                     "2 propositions correspondent aux filtres.", "3 propositions correspondent aux filtres.",
                     "10 propositions correspondent aux filtres.", "11 propositions correspondent aux filtres.",
                     "100 propositions correspondent aux filtres.", "101 propositions correspondent aux filtres.",
                     "102 propositions correspondent aux filtres."]),
        Counted(key: "proposal.tracking.merged_from",
                ar: ["لم يدمج أي مقترح مماثل في هذا المقترح.", "تم دمج مقترح واحد مماثل في هذا المقترح.",
                     "تم دمج مقترحين مماثلين في هذا المقترح.", "تم دمج 3 مقترحات مماثلة في هذا المقترح.",
                     "تم دمج 10 مقترحات مماثلة في هذا المقترح.", "تم دمج 11 مقترحا مماثلا في هذا المقترح.",
                     "تم دمج 100 مقترح مماثل في هذا المقترح.", "تم دمج 101 مقترح مماثل في هذا المقترح.",
                     "تم دمج 102 مقترح مماثل في هذا المقترح."],
                fr: around("", ["0 proposition semblable a été fusionnée", "1 proposition semblable a été fusionnée",
                                "2 propositions semblables ont été fusionnées", "3 propositions semblables ont été fusionnées",
                                "10 propositions semblables ont été fusionnées", "11 propositions semblables ont été fusionnées",
                                "100 propositions semblables ont été fusionnées", "101 propositions semblables ont été fusionnées",
                                "102 propositions semblables ont été fusionnées"], " dans celle-ci.")),
        Counted(key: "participation.portal.total",
                ar: ["لم يرسل أي مقترح عبر هذه البوابة."]
                    + around("", ["مقترح واحد أرسل عبر هذه البوابة، محسوب", "مقترحان أرسلا عبر هذه البوابة، محسوبان",
                                  "3 مقترحات أرسلت عبر هذه البوابة، محسوبة", "10 مقترحات أرسلت عبر هذه البوابة، محسوبة",
                                  "11 مقترحا أرسلت عبر هذه البوابة، محسوبة", "100 مقترح أرسلت عبر هذه البوابة، محسوبة",
                                  "101 مقترح أرسلت عبر هذه البوابة، محسوبة", "102 مقترح أرسلت عبر هذه البوابة، محسوبة"],
                             " بمعزل عن أرقام الورشات أعلاه."),
                fr: around("", ["0 proposition envoyée sur ce portail, comptée", "1 proposition envoyée sur ce portail, comptée",
                                "2 propositions envoyées sur ce portail, comptées", "3 propositions envoyées sur ce portail, comptées",
                                "10 propositions envoyées sur ce portail, comptées", "11 propositions envoyées sur ce portail, comptées",
                                "100 propositions envoyées sur ce portail, comptées", "101 propositions envoyées sur ce portail, comptées",
                                "102 propositions envoyées sur ce portail, comptées"], " à part des chiffres des ateliers ci-dessus.")),
        Counted(key: "proposals.counted_apart",
                ar: ["لا تحصي تقارير الجماعة أي مقترح جُمع خلال لقاءاتها ومشاركتها الرقمية (انظر الأرقام). لا تُعرض هنا إلا المقترحات المرسلة عبر هذه البوابة أو المسجلة من بطاقات الورشات، ولكل منها صفحة تتبع."]
                    + around("تحصي تقارير الجماعة ", ["مقترحا واحدا جُمع", "مقترحين جُمعا", "3 مقترحات جُمعت", "10 مقترحات جُمعت",
                                                      "11 مقترحا جُمعت", "100 مقترح جُمعت", "101 مقترح جُمعت", "102 مقترح جُمعت"],
                             " خلال لقاءاتها ومشاركتها الرقمية (انظر الأرقام): هذه مجاميع، وليست مقترحات مسجلة واحدا واحدا. لا تُعرض هنا إلا المقترحات المرسلة عبر هذه البوابة أو المسجلة من بطاقات الورشات، ولكل منها صفحة تتبع."),
                fr: around("Les comptes rendus de la commune dénombrent ",
                           ["0 proposition recueillie", "1 proposition recueillie", "2 propositions recueillies", "3 propositions recueillies",
                            "10 propositions recueillies", "11 propositions recueillies", "100 propositions recueillies",
                            "101 propositions recueillies", "102 propositions recueillies"],
                           " lors de ses rencontres et de sa participation numérique (voir les chiffres) : ce sont des totaux, pas des propositions une par une. Ne sont listées ici que les propositions envoyées sur ce portail ou saisies depuis les fiches d'atelier, chacune avec sa page de suivi.")),
        Counted(key: "calls.form.has_proposals",
                ar: ["لم يتلق هذا النداء أي مقترح.",
                     "تلقى هذا النداء مقترحا واحدا: لم يعد نوعه قابلا للتغيير، ويجب أن تبقى مدته شاملة له.",
                     "تلقى هذا النداء مقترحين: لم يعد نوعه قابلا للتغيير، ويجب أن تبقى مدته شاملة لهما."]
                    + around("تلقى هذا النداء ", ["3 مقترحات", "10 مقترحات", "11 مقترحا", "100 مقترح", "101 مقترح", "102 مقترح"],
                             ": لم يعد نوعه قابلا للتغيير، ويجب أن تبقى مدته شاملة لها."),
                fr: around("Cet appel a reçu ", ["0 proposition", "1 proposition"],
                           " : son type ne change plus, et sa fenêtre doit continuer à la contenir.")
                    + around("Cet appel a reçu ", ["2 propositions", "3 propositions", "10 propositions", "11 propositions",
                                                   "100 propositions", "101 propositions", "102 propositions"],
                             " : son type ne change plus, et sa fenêtre doit continuer à les contenir.")),
        Counted(key: "calls.refused.has_proposals",
                ar: ["لم يتلق هذا النداء أي مقترح."]
                    + around("تلقى هذا النداء ", ["مقترحا واحدا", "مقترحين", "3 مقترحات", "10 مقترحات", "11 مقترحا", "100 مقترح",
                                                  "101 مقترح", "102 مقترح"], ": لا يمكن حذفه. يمكنكم إغلاقه."),
                fr: around("Cet appel a reçu ", ["0 proposition", "1 proposition", "2 propositions", "3 propositions", "10 propositions",
                                                 "11 propositions", "100 propositions", "101 propositions", "102 propositions"],
                           " : il ne peut pas être supprimé. Vous pouvez le clôturer.")),
    ]

    static let errors = [
        Counted(key: "proposal.form.has_errors", ar: formErrorsAr, fr: formErrorsFr("voyez")),
        Counted(key: "people.form.has_errors", ar: formErrorsAr, fr: formErrorsFr("voir")),
        Counted(key: "triage.error.summary",
                ar: ["لا يتضمن الطلب أي خطأ.", "يتضمن الطلب خطأ واحدا: انظروا الرسالة تحت الحقل.",
                     "يتضمن الطلب خطأين: انظروا الرسالتين تحت الحقلين."]
                    + around("يتضمن الطلب ", ["3 أخطاء", "10 أخطاء", "11 خطأ", "100 خطأ", "101 خطأ", "102 خطأ"],
                             ": انظروا الرسائل تحت الحقول."),
                fr: around("La demande contient ", ["0 erreur", "1 erreur"], " : voyez le message sous le champ.")
                    + around("La demande contient ", ["2 erreurs", "3 erreurs", "10 erreurs", "11 erreurs", "100 erreurs", "101 erreurs",
                                                      "102 erreurs"], " : voyez les messages sous les champs.")),
    ]
    static let formErrorsAr = ["لا خطأ في الاستمارة.", "في الاستمارة خطأ واحد: انظر الرسالة تحت الحقل.",
                               "في الاستمارة خطآن: انظر الرسالتين تحت الحقلين."]
        + around("في الاستمارة ", ["3 أخطاء", "10 أخطاء", "11 خطأ", "100 خطأ", "101 خطأ", "102 خطأ"], ": انظر الرسائل تحت الحقول.")
    static func formErrorsFr(_ see: String) -> [String] {
        around("Le formulaire contient ", ["0 erreur", "1 erreur"], " : \(see) le message sous le champ.")
            + around("Le formulaire contient ", ["2 erreurs", "3 erreurs", "10 erreurs", "11 erreurs", "100 erreurs", "101 erreurs",
                                                 "102 erreurs"], " : \(see) les messages sous les champs.")
    }

    /// Characters as a limit: "… على الأكثر" / "… au plus".
    static let atMostAr = ["حرف واحد", "حرفان", "3 أحرف", "10 أحرف", "11 حرفا", "100 حرف", "101 حرف", "102 حرف"]
    static let charactersFr = ["0 caractère", "1 caractère", "2 caractères", "3 caractères", "10 caractères", "11 caractères",
                               "100 caractères", "101 caractères", "102 caractères"]
    static let characters = [
        Counted(key: "proposal.error.too_long",
                ar: ["هذا النص طويل جدا: لا يقبل هذا الحقل أي حرف."] + around("هذا النص طويل جدا: ", atMostAr, " على الأكثر."),
                fr: around("Ce texte est trop long : ", charactersFr, " au plus.")),
        Counted(key: "triage.error.too_long",
                ar: ["هذا النص طويل جدا: لا يقبل هذا الحقل أي حرف."] + around("هذا النص طويل جدا: ", atMostAr, " على الأكثر."),
                fr: around("Ce texte est trop long : ", charactersFr, " au plus.")),
        Counted(key: "triage.workshop.error.too_long", second: "4",
                ar: ["السطر 4: النص طويل جدا (لا يقبل هذا الحقل أي حرف)."] + around("السطر 4: النص طويل جدا (", atMostAr, " على الأكثر)."),
                fr: around("Ligne 4 : texte trop long (", charactersFr, " au plus).")),
        Counted(key: "review.error.too_long",
                ar: ["لا يقبل هذا الحقل أي حرف."] + around("", atMostAr, " على الأكثر."),
                fr: around("Au plus ", charactersFr, ".")),
        Counted(key: "calls.error.too_long",
                ar: ["النص طويل جدا: لا يقبل هذا الحقل أي حرف."] + around("النص طويل جدا: ", atMostAr, " على الأكثر."),
                fr: around("Texte trop long : ", charactersFr, " au plus.")),
        Counted(key: "admin.password.hint",
                ar: around("", ["لا حد أدنى لعدد الأحرف", "حرف واحد على الأقل", "حرفان على الأقل", "3 أحرف على الأقل", "10 أحرف على الأقل",
                                "11 حرفا على الأقل", "100 حرف على الأقل", "101 حرف على الأقل", "102 حرف على الأقل"],
                            "؛ لا بريدك الإلكتروني ولا اسم جماعتك."),
                fr: around("Au moins ", charactersFr, " ; ni votre adresse e-mail ni le nom de votre commune.")),
    ]

    static let lettersAndDigits = [
        Counted(key: "lookup.error.length", second: "18",
                ar: around("", ["لم تكتب أي حرف أو رقم", "كتبت حرفا أو رقما واحدا", "كتبت حرفين أو رقمين", "كتبت 3 أحرف وأرقام",
                                "كتبت 10 أحرف وأرقام", "كتبت 11 حرفا ورقما", "كتبت 100 حرف ورقم", "كتبت 101 حرف ورقم", "كتبت 102 حرف ورقم"],
                            "، ورمز التتبع يتكون من 18. تحقق منه في وصل الإرسال."),
                fr: around("Vous avez tapé ", ["0 lettre ou chiffre", "1 lettre ou chiffre", "2 lettres et chiffres", "3 lettres et chiffres",
                                               "10 lettres et chiffres", "11 lettres et chiffres", "100 lettres et chiffres",
                                               "101 lettres et chiffres", "102 lettres et chiffres"],
                           " ; un code de suivi en a 18. Vérifiez-le sur votre reçu.")),
    ]

    /// Minutes after "بعد" (genitive: "دقيقتين") / "dans".
    static let afterMinutesAr = ["بعد لحظات", "بعد دقيقة واحدة", "بعد دقيقتين", "بعد 3 دقائق", "بعد 10 دقائق", "بعد 11 دقيقة",
                                 "بعد 100 دقيقة", "بعد 101 دقيقة", "بعد 102 دقيقة"]
    static let minutesFr = ["0 minute", "1 minute", "2 minutes", "3 minutes", "10 minutes", "11 minutes", "100 minutes", "101 minutes",
                            "102 minutes"]
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
    static let monthsAr = ["عند", "بعد شهر واحد من", "بعد شهرين من", "بعد 3 أشهر من", "بعد 10 أشهر من", "بعد 11 شهرا من",
                           "بعد 100 شهر من", "بعد 101 شهر من", "بعد 102 شهر من"]
    static let monthsFr = ["0 mois", "1 mois", "2 mois", "3 mois", "10 mois", "11 mois", "100 mois", "101 mois", "102 mois"]
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
                           monthsFr, " après la fin de la période du programme. Tout est expliqué ici :")),
    ]

    static let days = [
        Counted(key: "people.link.once",
                ar: around("يصلح مرة واحدة وتنتهي صلاحيته ", ["اليوم", "بعد يوم واحد", "بعد يومين", "بعد 3 أيام", "بعد 10 أيام", "بعد 11 يوما",
                                                             "بعد 100 يوم", "بعد 101 يوم", "بعد 102 يوم"], "."),
                fr: around("Il sert une seule fois et expire dans ", ["0 jour", "1 jour", "2 jours", "3 jours", "10 jours", "11 jours",
                                                                      "100 jours", "101 jours", "102 jours"], ".")),
    ]

    static let changes = [
        Counted(key: "details.import.count",
                ar: ["لا تغيير", "تغيير واحد", "تغييران", "3 تغييرات", "10 تغييرات", "11 تغييرا", "100 تغيير", "101 تغيير", "102 تغيير"],
                fr: ["0 changement", "1 changement", "2 changements", "3 changements", "10 changements", "11 changements", "100 changements",
                     "101 changements", "102 changements"]),
    ]

    static let comments = [
        Counted(key: "review.comment_count",
                ar: ["لا ملاحظة", "ملاحظة واحدة", "ملاحظتان", "3 ملاحظات", "10 ملاحظات", "11 ملاحظة", "100 ملاحظة", "101 ملاحظة", "102 ملاحظة"],
                fr: ["0 remarque", "1 remarque", "2 remarques", "3 remarques", "10 remarques", "11 remarques", "100 remarques", "101 remarques",
                     "102 remarques"]),
        Counted(key: "review.open_count",
                ar: ["لا ملاحظة مفتوحة", "ملاحظة واحدة مفتوحة", "ملاحظتان مفتوحتان", "3 ملاحظات مفتوحة", "10 ملاحظات مفتوحة",
                     "11 ملاحظة مفتوحة", "100 ملاحظة مفتوحة", "101 ملاحظة مفتوحة", "102 ملاحظة مفتوحة"],
                fr: ["0 remarque ouverte", "1 remarque ouverte", "2 remarques ouvertes", "3 remarques ouvertes", "10 remarques ouvertes",
                     "11 remarques ouvertes", "100 remarques ouvertes", "101 remarques ouvertes", "102 remarques ouvertes"]),
    ]

    static let calls = [
        Counted(key: "calls.public.count",
                ar: ["لا نداء مفتوح أو قادم", "نداء واحد مفتوح أو قادم", "نداءان مفتوحان أو قادمان", "3 نداءات مفتوحة أو قادمة",
                     "10 نداءات مفتوحة أو قادمة", "11 نداء مفتوحا أو قادما", "100 نداء مفتوح أو قادم", "101 نداء مفتوح أو قادم",
                     "102 نداء مفتوح أو قادم"],
                fr: ["0 appel ouvert ou à venir", "1 appel ouvert ou à venir", "2 appels ouverts ou à venir", "3 appels ouverts ou à venir",
                     "10 appels ouverts ou à venir", "11 appels ouverts ou à venir", "100 appels ouverts ou à venir",
                     "101 appels ouverts ou à venir", "102 appels ouverts ou à venir"]),
    ]

    static let fields = [
        Counted(key: "import.field_count", second: "13",
                ar: ["لا حقل في السطر بدل 13.", "في السطر حقل واحد بدل 13.", "في السطر حقلان بدل 13.", "في السطر 3 حقول بدل 13.",
                     "في السطر 10 حقول بدل 13.", "في السطر 11 حقلاً بدل 13.", "في السطر 100 حقل بدل 13.", "في السطر 101 حقل بدل 13.",
                     "في السطر 102 حقل بدل 13."],
                fr: around("La ligne a ", ["0 champ", "1 champ", "2 champs", "3 champs", "10 champs", "11 champs", "100 champs", "101 champs",
                                           "102 champs"], " au lieu de 13.")),
    ]

    static let results = [
        Counted(key: "search.count",
                ar: ["لا نتيجة", "نتيجة واحدة", "نتيجتان", "3 نتائج", "10 نتائج", "11 نتيجة", "100 نتيجة", "101 نتيجة", "102 نتيجة"],
                fr: ["0 résultat", "1 résultat", "2 résultats", "3 résultats", "10 résultats", "11 résultats", "100 résultats",
                     "101 résultats", "102 résultats"]),
    ]

    static let communes = [
        Counted(key: "dashboard.communes_count",
                ar: ["لا جماعة", "جماعة واحدة", "جماعتان", "3 جماعات", "10 جماعات", "11 جماعة", "100 جماعة", "101 جماعة", "102 جماعة"],
                fr: ["0 commune", "1 commune", "2 communes", "3 communes", "10 communes", "11 communes", "100 communes",
                     "101 communes", "102 communes"]),
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
