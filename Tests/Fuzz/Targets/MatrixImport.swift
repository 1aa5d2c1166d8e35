/// Fuzz target: the matrix import (`Sources/Portal/Editor/MatrixImport.swift`) against the
/// export it reads back (`ProgramExport.csvBytes`).
///
/// Why: focal points download the matrix, edit it in a spreadsheet and send it back, and the
/// import rewrites the program from it: it must read exactly what the export wrote, and refuse
/// a bad file with issues that point at real lines. Properties:
/// - Export → import: any program matrix (axes, projects, activities with any Unicode texts,
///   amounts, cost texts, partners, dates), exported in Arabic or French, imports as the same
///   matrix, texts trimmed as the import trims them. Partner names are generated without ";",
///   the separator the export joins them with (a partner named "a; b" reads back as two).
/// - For any bytes: an accepted matrix has positive unique numbers, non-empty titles, real and
///   ordered dates, and exported again it imports as itself; a refused file gives at least one
///   issue, each on a line the file has.
@testable import Portal
@testable import Templates
import Foundation

typealias Matrix = MatrixImport.Matrix

/// A matrix without its line numbers, in comparable form.
func comparable(_ matrix: Matrix) -> [String] {
    func t(_ text: String?) -> String { text.map { Array($0.utf8).map(String.init).joined(separator: ".") } ?? "nil" }
    return matrix.axes.map { "axis \($0.number) \(t($0.title))" } + matrix.projects.flatMap { project in
        ["project \(project.number) \(project.axisNumber.map(String.init) ?? "-") \(t(project.title)) \(project.budgetCentimes.map(String.init) ?? "-")"]
            + project.activities.map { a in
                "activity \(a.number) \(t(a.title)) \(a.partners.map(t)) \(a.costCentimes.map(String.init) ?? "-") \(t(a.costText)) \(t(a.funding)) \(a.start ?? "-") \(a.end ?? "-")"
            }
    }
}

func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

/// The program record a matrix describes, as the store would load it.
func record(_ matrix: Matrix, french: Bool) -> ProgramRecord {
    func text(_ value: String) -> Localized { Localized(arabic: value, french: french ? value : nil) }
    let commune = ProgramRecord.Commune(id: 1, slug: "fuzz", name: text("fuzz"), region: nil, province: nil, isSandbox: true)
    return ProgramRecord(
        id: 1, commune: commune, period: "2024-2025", title: text("p"), status: "draft", adoptionSession: nil, adoptedOn: nil,
        decisionRef: nil, totalBudgetCentimes: nil, notes: nil,
        axes: matrix.axes.map { ProgramRecord.Axis(id: $0.number, number: $0.number, title: text($0.title)) },
        projects: matrix.projects.map { project in
            ProgramRecord.Project(id: project.number, number: project.number, axisID: project.axisNumber, title: text(project.title),
                                  slogan: nil, duration: nil, start: nil, end: nil, budgetCentimes: project.budgetCentimes,
                                  activities: project.activities.map { a in
                                      ProgramRecord.Activity(id: a.number, number: a.number, title: text(a.title), partners: a.partners.map(text),
                                                             costCentimes: a.costCentimes, costText: a.costText.map(text),
                                                             funding: a.funding.map(text), start: a.start, end: a.end)
                                  })
        })
}

let dates = [nil, "2024-01", "2024-02-29", "2024-06-12", "2025-12", "2025-12-31"]

/// A valid matrix drawn from the input.
func generated(_ input: inout FuzzInput, _ language: Language) -> Matrix {
    func title() -> String {
        let text = trimmed(input.text(maxLength: 30))
        return text.isEmpty ? "x" : text
    }
    var axes: [MatrixImport.Axis] = []
    for number in Set((0..<input.int(0...3)).map { _ in input.int(1...9) }).sorted() {
        axes.append(.init(number: number, title: title(), line: 0))
    }
    var projects: [MatrixImport.Project] = []
    for number in Set((0..<input.int(1...4)).map { _ in input.int(1...99) }).sorted() {
        let axis = axes.isEmpty || input.int(0...4) == 0 ? nil : axes[input.int(0...(axes.count - 1))].number
        var activities: [MatrixImport.Activity] = []
        for activity in Set((0..<input.int(0...3)).map { _ in input.int(1...20) }).sorted() {
            var partners: [String] = []
            for _ in 0..<input.int(0...2) {
                let name = trimmed(String(input.text(maxLength: 12).unicodeScalars.filter { $0 != ";" }.map(Character.init)))
                if !name.isEmpty && !partners.contains(name) { partners.append(name) }
            }
            let cost: Int? = input.bool() ? input.int(0...65535) * Int(input.byte()) : nil
            let costText = cost == nil ? trimmed(input.text(maxLength: 12)) : ""
            let funding = trimmed(input.text(maxLength: 12))
            var start = dates[input.int(0...5)], end = dates[input.int(0...5)]
            if let s = start, let e = end, e < s { swap(&start, &end) }
            activities.append(.init(number: activity, title: title(), partners: partners, costCentimes: cost,
                                    costText: costText.isEmpty ? nil : costText, funding: funding.isEmpty ? nil : funding,
                                    start: start, end: end, line: 0))
        }
        let budget: Int? = input.bool() ? input.int(0...65535) * 1000 + Int(input.byte()) : nil
        projects.append(.init(number: number, axisNumber: axis, title: title(), budgetCentimes: budget, activities: activities, line: 0))
    }
    // The export has no row for an axis without projects.
    let used = Set(projects.compactMap(\.axisNumber))
    return Matrix(language: language, axes: axes.filter { used.contains($0.number) }, projects: projects)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = bytes(data, size)
    guard let mode = raw.first else { return 0 }
    let language: Language = mode & 2 == 0 ? .ar : .fr
    if mode & 1 == 1 {
        var input = FuzzInput(Array(raw.dropFirst()))
        let matrix = generated(&input, language)
        let csv = ProgramExport.csvBytes(record(matrix, french: language == .fr), language)
        switch MatrixImport.parse(csv, language: language) {
        case .success(let read):
            require(comparable(read) == comparable(matrix), "exported \(comparable(matrix)) imports as \(comparable(read))")
        case .failure(let failure):
            require(false, "the import refuses the export of \(comparable(matrix)): \(failure)")
        }
        return 0
    }
    let file = Array(raw.dropFirst())
    switch MatrixImport.parse(file, language: language) {
    case .failure(let failure):
        let lines = file.filter { $0 == 10 || $0 == 13 }.count + 1
        require(!failure.issues.isEmpty && failure.issues.allSatisfy { ($0.line ?? 1) >= 1 && ($0.line ?? 1) <= lines },
                "issues off the file's \(lines) lines: \(failure)")
    case .success(let matrix):
        require(Set(matrix.projects.map(\.number)).count == matrix.projects.count && matrix.projects.allSatisfy { $0.number > 0 && !$0.title.isEmpty },
                "projects \(comparable(matrix))")
        for activity in matrix.projects.flatMap(\.activities) {
            require(activity.number > 0 && !activity.title.isEmpty, "activity \(activity)")
            require([activity.start, activity.end].allSatisfy { $0.map(EditorInput.isDate) ?? true }, "dates \(activity)")
            if let start = activity.start, let end = activity.end { require(start <= end, "dates out of order \(activity)") }
        }
        let again = MatrixImport.parse(ProgramExport.csvBytes(record(matrix, french: language == .fr), language), language: language)
        guard case .success(let reread) = again else {
            require(false, "an accepted file, exported again, is refused: \(again)")
            return 0
        }
        require(comparable(reread) == comparable(matrix), "an accepted file exported again reads \(comparable(reread)), not \(comparable(matrix))")
    }
    return 0
}
