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

    /// The chart's view: each bar placed, under its label's lines.
    var view: ProgressChartView {
        let frame = ChartFrame(rightToLeft: language == .ar)
        let room = ChartFrame.inlineSize - ChartFrame.valueRoom
        var y = ChartFrame.margin
        var bars: [ProgressBar] = []
        for row in rows {
            let lines = frame.textLines(row.label, top: y)
            y += lines.count * ChartFrame.lineHeight + 4
            let length = row.percent.map { min(100, max(0, $0)) * room / 100 } ?? 0
            bars.append(ProgressBar(
                lines: lines,
                track: BarSpan(x: frame.x(0, length: room), width: room),
                bar: BarSpan(x: frame.x(0, length: length), width: length),
                y: y, value: valueText(row), valueX: frame.x(room + 4), valueY: y + 14))
            y += ProgressChart.barHeight + 12
        }
        return ProgressChartView(id: id, title: title, summary: summary, height: y, bars: bars)
    }
}

/// What `partials/progress_chart` draws: the frame, then each bar on its track.
struct ProgressChartView: TemplateView {
    let id: String
    let title: String
    /// The whole chart in words, for who cannot see it.
    let summary: String
    let height: Int
    let bars: [ProgressBar]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "id": return .string(id)
        case "title": return .string(title)
        case "summary": return .string(summary)
        case "width": return .int(ChartFrame.width)
        case "height": return .int(height)
        case "fill": return .string(ProgressChart.fill)
        case "track_fill": return .string(ProgressChart.track)
        case "bars": return .init(bars)
        default: return nil
        }
    }
}

/// One bar of a progress chart: its label's lines (`ChartFrame.textLines`, shared with the
/// participation charts), its track and bar, and its value beside it.
struct ProgressBar: TemplateView {
    let lines: [ChartTextLine]
    let track: BarSpan
    let bar: BarSpan
    let y: Int
    let value: String
    let valueX: Int
    let valueY: Int

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "lines": return .init(lines)
        case "track": return .init(track)
        case "bar": return .init(bar)
        case "y": return .int(y)
        case "height": return .int(ProgressChart.barHeight)
        case "value": return .string(value)
        case "value_x": return .int(valueX)
        case "value_y": return .int(valueY)
        default: return nil
        }
    }
}

/// Where a bar or its track starts, and how long it is.
struct BarSpan: TemplateView {
    let x: Int
    let width: Int

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "x": return .int(x)
        case "width": return .int(width)
        default: return nil
        }
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
    static func view(values: [Int], baseline: Int?, target: Int?, rightToLeft: Bool) -> SparklineView? {
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
        return SparklineView(points: points, lastX: x(last), lastY: y(values[last]), baselineY: baseline.map(y), targetY: target.map(y))
    }
}

/// What a project card's indicator draws of a `Sparkline`.
struct SparklineView: TemplateView {
    let points: String
    let lastX: Int
    let lastY: Int
    let baselineY: Int?
    let targetY: Int?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "width": return .int(Sparkline.width)
        case "height": return .int(Sparkline.height)
        case "points": return .string(points)
        case "last_x": return .int(lastX)
        case "last_y": return .int(lastY)
        case "baseline_y": return .init(baselineY)
        case "target_y": return .init(targetY)
        default: return nil
        }
    }
}
