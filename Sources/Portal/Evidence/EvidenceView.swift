import Foundation
import HTTP
import Templates

/// How evidence links read on a page, in one place for the public pages (the project card, the
/// Execution page: public files only, by their hash) and the admin pages (every file, through the
/// commune's admin route, with who may see it and the switch between public and internal).
enum EvidenceView {
    /// "1,2 MB" / "1,2 ميغابايت", "350 KB": what a person on a phone wants to know before tapping.
    static func size(_ bytes: Int, _ t: (String) -> String) -> String {
        if bytes >= 1 << 20 {
            let tenths = (bytes * 10 + (1 << 19)) >> 20
            let text = tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10),\(tenths % 10)"
            return Translations.fill(t("evidence.size.mb"), [text])
        }
        return Translations.fill(t("evidence.size.kb"), [String(max(1, (bytes + 512) / 1024))])
    }

    static func kindLabel(_ kind: EvidenceFile.Kind, _ t: (String) -> String) -> String { t("evidence.kind." + kind.rawValue) }

    /// Public files as links to `/evidence/{hash}.{ext}`.
    static func publicList(_ items: [EvidenceStore.Item], page: PageRequest) -> [PublicEvidence] {
        items.map { publicLink($0, page: page) }
    }

    /// A public file as a link to `/evidence/{hash}.{ext}`.
    static func publicLink(_ item: EvidenceStore.Item, page: PageRequest) -> PublicEvidence {
        PublicEvidence(href: SiteRoute.evidence(sha256: item.sha256, ext: item.kind.fileExtension).path,
                       kind: kindLabel(item.kind, page.t), size: size(item.size, page.t), isImage: item.kind.isImage)
    }

    /// Every file as staff see it: its name, type, size, who may see it, and (for those who
    /// record) the form that switches it between public and internal.
    static func adminList(_ items: [EvidenceStore.Item], context: AdminContext, period: String, mayChange: Bool) -> [AdminEvidence] {
        items.map { item in
            let other: EvidenceStore.Visibility = item.visibility == .public ? .internal : .public
            return AdminEvidence(
                href: ExecutionPages.route(context, .evidence(period: period, id: item.id)).path,
                name: item.fileName, kind: kindLabel(item.kind, context.t), size: size(item.size, context.t),
                visibility: context.t("evidence.visibility." + item.visibility.rawValue), isPublic: item.visibility == .public,
                publicHref: item.visibility == .public ? SiteRoute.evidence(sha256: item.sha256, ext: item.kind.fileExtension).path : nil,
                changeAction: mayChange ? ExecutionPages.route(context, .evidenceVisibility(period: period, id: item.id)).path : nil,
                changeTo: other.rawValue, changeLabel: context.t("evidence.make." + other.rawValue))
        }
    }
}

/// An evidence file as staff see it (`admin/evidence_list`): through the commune's admin route,
/// with who may see it and the form that switches it between public and internal.
struct AdminEvidence: TemplateView {
    let href: String
    let name: String
    let kind: String
    let size: String
    /// "Public" or "internal", in words.
    let visibility: String
    let isPublic: Bool
    /// The public link, for a public file.
    let publicHref: String?
    /// The switch's form, for those who record.
    let changeAction: String?
    let changeTo: String
    let changeLabel: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "href": return .string(href)
        case "name": return .string(name)
        case "kind": return .string(kind)
        case "size": return .string(size)
        case "visibility": return .string(visibility)
        case "is_public": return .bool(isPublic)
        case "public_href": return .init(publicHref)
        case "change_action": return .init(changeAction)
        case "change_to": return .string(changeTo)
        case "change_label": return .string(changeLabel)
        default: return nil
        }
    }
}

/// A public evidence file's link: where it is, its kind and size, and whether it is an image.
struct PublicEvidence: TemplateView {
    let href: String
    let kind: String
    /// "1,2 MB": what a person on a phone wants to know before tapping.
    let size: String
    let isImage: Bool

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "href": return .string(href)
        case "kind": return .string(kind)
        case "size": return .string(size)
        case "is_image": return .bool(isImage)
        default: return nil
        }
    }
}
