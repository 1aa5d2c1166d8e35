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
    static func publicList(_ items: [EvidenceStore.Item], page: PageRequest) -> TemplateValue {
        .init(items.map { publicLink($0, page: page) })
    }

    /// A public file as a link to `/evidence/{hash}.{ext}`.
    static func publicLink(_ item: EvidenceStore.Item, page: PageRequest) -> PublicEvidence {
        PublicEvidence(href: SiteRoute.evidence(sha256: item.sha256, ext: item.kind.fileExtension).path,
                       kind: kindLabel(item.kind, page.t), size: size(item.size, page.t), isImage: item.kind.isImage)
    }

    /// Every file as staff see it: its name, type, size, who may see it, and (for those who
    /// record) the form that switches it between public and internal.
    static func adminList(_ items: [EvidenceStore.Item], context: AdminContext, period: String, mayChange: Bool) -> TemplateValue {
        .array(items.map { item in
            let other: EvidenceStore.Visibility = item.visibility == .public ? .internal : .public
            return [
                "href": ExecutionPages.href(context, .evidence(period: period, id: item.id)),
                "name": .string(item.fileName), "kind": .string(kindLabel(item.kind, context.t)),
                "size": .string(size(item.size, context.t)),
                "visibility": .string(context.t("evidence.visibility." + item.visibility.rawValue)),
                "is_public": .bool(item.visibility == .public),
                "public_href": item.visibility == .public
                    ? .string(SiteRoute.evidence(sha256: item.sha256, ext: item.kind.fileExtension).path) : .null,
                "change_action": mayChange ? ExecutionPages.href(context, .evidenceVisibility(period: period, id: item.id)) : .null,
                "change_to": .string(other.rawValue),
                "change_label": .string(context.t("evidence.make." + other.rawValue)),
            ]
        })
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
