import Foundation
import HTTP
import SQLite

/// The whole network's open data in bulk (issue 16): every member commune's programs,
/// activities, milestones, participation figures and public proposals, one file per kind, as
/// CSV or JSON (`/{lang}/data/network/{kind}.csv|json`). At 1,503 communes and a million
/// proposals such a file is hundreds of megabytes, so it is never built in memory: the body is
/// made as the client reads it (`Stream`), five hundred rows at a time, each batch in its own
/// short read of the store (`OpenDataStore.networkBatch`), resuming after the last id sent (rows written meanwhile with a
/// higher id are included; nothing is sent twice). No personal data: the proposals carry
/// what their public pages show, without names. The CSV is the portal's own (`CSV.field`:
/// quoted as RFC 4180 says, formulas neutralised); the demo commune is left out.
enum NetworkExport {
    /// What a file holds, one row per item.
    enum Kind: String, CaseIterable, Sendable {
        case programs, activities, milestones, figures, proposals
    }

    /// A cell: text, a whole number, or nothing.
    enum Cell: Sendable {
        case text(String?)
        case number(Int?)
    }

    static let batchSize = 500

    /// The columns of each kind, in file order (the JSON objects use the same names).
    static func columns(_ kind: Kind) -> [String] {
        let commune = ["commune_slug", "period"]
        switch kind {
        case .programs:
            return ["commune_slug", "commune_ar", "commune_fr", "region_ar", "region_fr", "period", "status", "title_ar", "title_fr",
                    "adopted_on", "decision_ref", "budget_centimes"]
        case .activities:
            return commune + ["axis_number", "project_number", "project_title_ar", "project_title_fr", "activity_number",
                              "title_ar", "title_fr", "cost_centimes", "cost_text_ar", "cost_text_fr", "funding_ar", "funding_fr",
                              "start", "end", "status", "percent"]
        case .milestones:
            return commune + ["position", "kind", "title_ar", "title_fr", "place_ar", "place_fr", "date_start", "date_end",
                              "date_precision", "done"]
        case .figures:
            return commune + ["kind", "channel", "title_ar", "title_fr", "date_start", "date_end", "date_precision",
                              "participants", "women", "associations", "equality_body_members", "proposals_total"]
        case .proposals:
            return commune + ["tracking_code", "date", "kind", "axis_number", "channel", "status", "title", "description", "public_answer"]
        }
    }

    /// The download: headers now, the body as it is read.
    static func response(_ database: Database, kind: Kind, json: Bool) -> HTTPResponse {
        let name = "infitah-network-\(kind.rawValue).\(json ? "json" : "csv")"
        return HTTPResponse(status: .ok, headers: HTTPHeaders([
            ("Content-Type", json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8"),
            ("Content-Disposition", "attachment; filename=\"\(name)\""),
            ("Cache-Control", "public, max-age=60"),
        ]), stream: Stream(database: database, kind: kind, json: json))
    }

    /// Encodes one row: a CSV line (CRLF) or a JSON object.
    static func encode(_ cells: [Cell], columns: [String], json: Bool) -> [UInt8] {
        if !json {
            let fields = cells.map { cell -> String in
                switch cell {
                case .text(let text): return CSV.field(text ?? "")
                case .number(let number): return number.map(String.init) ?? ""
                }
            }
            return Array((fields.joined(separator: ",") + "\r\n").utf8)
        }
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, (name, cell)) in zip(columns, cells).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += Array("\"\(name)\":".utf8)
            switch cell {
            case .text(let text?): out += jsonString(text)
            case .number(let number?): out += Array(String(number).utf8)
            case .text(nil), .number(nil): out += Array("null".utf8)
            }
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped.
    static func jsonString(_ text: String) -> [UInt8] {
        var out: [UInt8] = [34]
        for byte in text.utf8 {
            switch byte {
            case 34: out += [92, 34]
            case 92: out += [92, 92]
            case 10: out += [92, 110]
            case 13: out += [92, 114]
            case 9: out += [92, 116]
            case 0..<32: out += Array(String(format: "\\u%04x", byte).utf8)
            default: out.append(byte)
            }
        }
        out.append(34)
        return out
    }

    /// The body of one download, made batch by batch as the server pulls it (always from one
    /// worker at a time, so its state needs no lock). Holds at most one batch's bytes.
    final class Stream: HTTPBodyStream, @unchecked Sendable {
        let database: Database
        let kind: Kind
        let json: Bool
        private var pending: [UInt8] = []
        private var pendingOffset = 0
        private var lastID = 0
        private var started = false
        private var finished = false
        private var rows = 0

        init(database: Database, kind: Kind, json: Bool) {
            self.database = database
            self.kind = kind
            self.json = json
        }

        var count: Int { 0 }
        var isLengthKnown: Bool { false }

        func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            var written = 0
            while written < buffer.count {
                if pendingOffset == pending.count {
                    guard try refill() else { break }
                }
                let n = min(buffer.count - written, pending.count - pendingOffset)
                pending.withUnsafeBytes { source in
                    UnsafeMutableRawBufferPointer(rebasing: buffer[written..<(written + n)])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: source[pendingOffset..<(pendingOffset + n)]))
                }
                pendingOffset += n
                written += n
            }
            return written
        }

        /// Makes the next bytes: the opening (BOM and header, or "["), a batch, or the end. False when all is sent.
        private func refill() throws -> Bool {
            guard !finished else { return false }
            pending.removeAll(keepingCapacity: true)
            pendingOffset = 0
            let columns = NetworkExport.columns(kind)
            if !started {
                started = true
                pending = json ? Array("[\n".utf8) : [0xEF, 0xBB, 0xBF] + Array((columns.joined(separator: ",") + "\r\n").utf8)
                return true
            }
            let batch = try database.read { try OpenDataStore.networkBatch($0, kind, after: lastID, limit: NetworkExport.batchSize) }
            for (id, cells) in batch {
                if json && rows > 0 { pending += Array(",\n".utf8) }
                pending += NetworkExport.encode(cells, columns: columns, json: json)
                rows += 1
                lastID = id
            }
            if batch.count < NetworkExport.batchSize {
                finished = true
                if json { pending += Array("\n]\n".utf8) }
            }
            return !pending.isEmpty || !finished
        }
    }
}
