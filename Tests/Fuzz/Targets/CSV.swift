/// Fuzz target: the CSV writer and reader of the open-data downloads and the matrix import
/// (`Sources/Portal/OpenData/CSV.swift`).
///
/// Why: anyone can title an idea, and that title lands in a public CSV that people open in a
/// spreadsheet (formula injection, issue 15), and focal points send the matrix CSV back. Properties:
/// - Round trip: any rows of any strings (commas, quotes, CR, LF, formula-like starts, apostrophes,
///   combining marks, NUL), written by `CSV.document`, read back by `CSV.read` as the same rows,
///   byte for byte; rows whose fields are all empty are the only ones skipped, and every record
///   says the physical line it starts on.
/// - No formula: every cell of the file, unquoted, starts with none of = + - @ tab CR unless it is
///   the lone "-" or starts with the guarding apostrophe (checked on bytes, not Characters).
/// - For any bytes `CSV.read` accepts, writing the records and reading them again gives the same.
import HTTP   // CSV.swift is compiled into this target (see Tests/Fuzz/run)

func rowsText(_ rows: [[String]]) -> String { rows.map { $0.map(shown).joined(separator: " , ") }.joined(separator: " / ") }

func same(_ a: [[String]], _ b: [[String]]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.count == $1.count && zip($0, $1).allSatisfy { sameBytes($0, $1) } }
}

/// The cells of a written document as raw text, split by a plain RFC 4180 reader that removes
/// nothing (no apostrophe taken off), for the formula check.
func rawCells(_ bytes: [UInt8]) -> [[UInt8]] {
    var cells: [[UInt8]] = [], cell: [UInt8] = [], quoted = false, i = 3
    while i < bytes.count {
        let byte = bytes[i]; i += 1
        if quoted {
            if byte == 34 { if i < bytes.count, bytes[i] == 34 { cell.append(34); i += 1 } else { quoted = false } } else { cell.append(byte) }
        } else if byte == 34 && cell.isEmpty { quoted = true }
        else if byte == 44 || byte == 10 { cells.append(cell); cell = [] }
        else if byte == 13, i < bytes.count, bytes[i] == 10 { }
        else { cell.append(byte) }
    }
    return cells
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = bytes(data, size)
    guard let mode = raw.first else { return 0 }
    if mode & 1 == 1 {
        var input = FuzzInput(Array(raw.dropFirst()))
        var rows: [[String]] = []
        while !input.isExhausted {
            rows.append((0..<input.int(1...5)).map { _ in input.text(maxLength: 60) })
        }
        let document = CSV.document(rows)
        for cell in rawCells(document) {
            guard let first = cell.first else { continue }
            require(cell == [UInt8(ascii: "-")] || first == UInt8(ascii: "'") || !"=+-@\t\r".utf8.contains(first),
                    "a cell starts a formula: \(shown(String(decoding: cell, as: UTF8.self)))")
        }
        let kept = rows.filter { $0.contains { !$0.isEmpty } }
        guard case .success(let records) = CSV.read(document) else {
            require(false, "CSV.read refuses what CSV.document wrote for \(rowsText(rows))")
            return 0
        }
        require(same(records.map(\.fields), kept), "\(rowsText(kept)) read back as \(rowsText(records.map(\.fields)))")
        // Each record starts on the line after all the line breaks written before it.
        var line = 1, index = 0
        for row in rows {
            if row.contains(where: { !$0.isEmpty }) {
                require(records[index].line == line, "record \(index) says line \(records[index].line), starts on \(line)")
                index += 1
            }
            let text = CSV.document([row]).dropFirst(3)
            line += text.enumerated().filter { $0.element == 10 || ($0.element == 13 && text[text.startIndex + $0.offset + 1] != 10) }.count
        }
        return 0
    }
    guard case .success(let records) = CSV.read(Array(raw.dropFirst())) else { return 0 }
    require(records.allSatisfy { $0.fields.contains { !$0.isEmpty } }, "an empty record was kept")
    require(zip(records, records.dropFirst()).allSatisfy { $0.line < $1.line }, "records' lines do not increase")
    guard case .success(let again) = CSV.read(CSV.document(records.map(\.fields))) else {
        require(false, "records read from bytes cannot be read back after writing")
        return 0
    }
    require(same(again.map(\.fields), records.map(\.fields)), "\(rowsText(records.map(\.fields))) rewritten reads \(rowsText(again.map(\.fields)))")
    return 0
}
