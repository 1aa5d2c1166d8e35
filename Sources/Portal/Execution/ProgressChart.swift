import Templates

/// Horizontal bars of progress (0–100 %), one per axis or project, drawn by the server as SVG in
/// the same frame as the participation charts (`ChartFrame`: bars grow from the inline start,
/// so from the right in Arabic), each bar on a full-width track so what is left to do shows too.
/// A row with nothing counted (no activities, or all cancelled) has an empty track and says so.
/// The page follows the chart with a table of the same figures for people who cannot see it.
struct ProgressChart {
    struct Row {
        var label: String
        var percent: Int?
    }

    var id: String
    var title: String
    var rows: [Row]
    /// Said instead of a value when a row has none.
    var noValue: String
    var language: Language

    static let barHeight = 18
    static let fill = "#0b5e55"
    static let track = "#dfe4e8"

    func valueText(_ row: Row) -> String { row.percent.map { "\($0)%" } ?? noValue }

    var summary: String {
        let (separator, colon) = language == .ar ? ("؛ ", ": ") : ("; ", " : ")
        return title + colon + rows.map { $0.label + colon + valueText($0) }.joined(separator: separator)
    }

    var value: TemplateValue {
        let frame = ChartFrame(rightToLeft: language == .ar)
        let room = ChartFrame.inlineSize - ChartFrame.valueRoom
        var y = ChartFrame.margin
        var bars: [TemplateValue] = []
        for row in rows {
            let lines = frame.textLines(row.label, top: y)
            y += lines.count * ChartFrame.lineHeight + 4
            let length = row.percent.map { min(100, max(0, $0)) * room / 100 } ?? 0
            bars.append([
                "lines": .array(lines),
                "track": ["x": .int(frame.x(0, length: room)), "width": .int(room)],
                "bar": ["x": .int(frame.x(0, length: length)), "width": .int(length)],
                "y": .int(y), "height": .int(ProgressChart.barHeight),
                "value": .string(valueText(row)), "value_x": .int(frame.x(room + 4)), "value_y": .int(y + 14),
            ])
            y += ProgressChart.barHeight + 12
        }
        return [
            "id": .string(id), "title": .string(title), "summary": .string(summary),
            "width": .int(ChartFrame.width), "height": .int(y),
            "fill": .string(ProgressChart.fill), "track_fill": .string(ProgressChart.track),
            "bars": .array(bars),
        ]
    }
}

/// A small line of an indicator's measured values (≥ 2 numeric values), with the baseline and
/// the target as dashed lines when they are set: drawn in a fixed box, oldest value at the inline
/// start. Only placed next to a list that gives every value in words.
struct Sparkline {
    static let width = 160
    static let height = 40
    static let pad = 4

    /// The polyline's points and the reference lines, or nil when there are fewer than two values.
    static func value(values: [Int], baseline: Int?, target: Int?, rightToLeft: Bool) -> TemplateValue? {
        guard values.count >= 2 else { return nil }
        let all = values + [baseline, target].compactMap { $0 }
        let low = all.min()!, high = all.max()!
        let span = max(1, high - low)
        func y(_ v: Int) -> Int { height - pad - (v - low) * (height - 2 * pad) / span }
        func x(_ i: Int) -> Int {
            let offset = pad + i * (width - 2 * pad) / (values.count - 1)
            return rightToLeft ? width - offset : offset
        }
        let points = values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
        let last = values.count - 1
        return [
            "width": .int(width), "height": .int(height), "points": .string(points),
            "last_x": .int(x(last)), "last_y": .int(y(values[last])),
            "baseline_y": baseline.map { .int(y($0)) } ?? .null,
            "target_y": target.map { .int(y($0)) } ?? .null,
        ]
    }
}
