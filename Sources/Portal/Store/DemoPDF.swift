import Foundation

/// The one evidence file of the demo (issue 13): a small, valid PDF written by hand here rather
/// than shipped as a binary, so the demo loader makes it and anyone can read what it holds. One A4
/// page in Helvetica (a standard font every reader has, so nothing is embedded), saying plainly
/// that it is an example. Latin text only: Arabic needs an embedded font, which a hand-made file
/// should not carry.
enum DemoPDF {
    static let lines = [
        "Commune de demonstration - document illustratif (exemple)",
        "",
        "Budget citoyen 2023, version simplifiee (exemple)",
        "",
        "Ce document est un exemple invente pour montrer une piece justificative",
        "jointe a l'avancement d'une activite. Il ne decrit aucune commune reelle.",
        "",
        "Recettes prevues : 1 200 000,00 DH (exemple)",
        "Depenses prevues : 1 150 000,00 DH (exemple)",
    ]

    /// The PDF's bytes (ISO 32000-1: header, four objects, a cross-reference table with each
    /// object's byte offset, trailer).
    static func budgetNotice() -> [UInt8] {
        var content = "BT /F1 12 Tf 56 780 Td 16 TL\n"
        for line in lines {
            let escaped = line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
                .replacingOccurrences(of: ")", with: "\\)")
            content += "(\(escaped)) Tj T*\n"
        }
        content += "ET\n"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n" }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }
}
