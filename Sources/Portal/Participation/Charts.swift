import Templates

/// Where a chart's marks go, in the chart's own coordinates (a `viewBox`), measured from the
/// inline start so one layout serves both directions: Arabic bars grow from the right edge,
/// French ones from the left. Text is anchored at its inline start (`text-anchor="start"`)
/// and the `<svg>` carries the page direction, so an anchor at the right edge in Arabic
/// starts the label there and the bidi algorithm keeps "المحور 1: ..." in reading order.
struct ChartFrame {
    /// Close to a phone's content width, so 15px labels stay about 15px where most people read.
    static let width = 340
    static let margin = 8
    static let lineHeight = 19
    /// Room after the longest bar for its value label, at least: a label of up to four
    /// characters ("1 234" is five, and gets more; see `valueRoom(for:)`).
    static let valueRoom = 40

    /// Room after the longest bar for `label`, its value: about 9 units a character of a 15px
    /// label, so "450 762" at national size ends inside the chart instead of past its edge.
    static func valueRoom(for label: String) -> Int { max(valueRoom, 9 * label.count + 4) }

    /// About how many characters of a 15px label fit on one line of the chart.
    static let charactersPerLine = 38

    let rightToLeft: Bool

    /// The x of a mark that starts `offset` units from the inline start and is `length` long.
    func x(_ offset: Int, length: Int = 0) -> Int {
        rightToLeft ? ChartFrame.width - ChartFrame.margin - offset - length : ChartFrame.margin + offset
    }

    /// Inline room for marks between the two margins.
    static var inlineSize: Int { width - 2 * margin }

    /// Splits a label into at most `maxLines` lines at word boundaries (SVG text does not wrap);
    /// the last line ends with "…" when the label is longer. The table below the chart always
    /// has the whole label.
    static func lines(_ text: String, maxLines: Int = 3) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty { current = String(word) }
            else if current.count + 1 + word.count <= charactersPerLine { current += " " + word }
            else { lines.append(current); current = String(word) }
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > maxLines else { return lines }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = String(kept[maxLines - 1].prefix(charactersPerLine - 1)) + "…"
        return kept
    }

    func textLines(_ text: String, top: Int, offset: Int = 0) -> [ChartTextLine] {
        ChartFrame.lines(text).enumerated().map { index, line in
            ChartTextLine(x: x(offset), y: top + index * ChartFrame.lineHeight + 15, text: line)
        }
    }

    /// The legend's marks, one under the other from the top margin; the y below them.
    func legend(_ entries: [(label: String, fill: String)]) -> (marks: [LegendMark], bottom: Int) {
        let marks = entries.enumerated().map { index, entry in
            let y = ChartFrame.margin + index * 20
            return LegendMark(label: entry.label, fill: entry.fill, x: x(0, length: 14), y: y + 2, textX: x(20), textY: y + 14)
        }
        return (marks, ChartFrame.margin + entries.count * 20 + 8)
    }
}

/// One line of a label drawn in a chart (SVG text does not wrap: `ChartFrame.lines`).
struct ChartTextLine: TemplateView {
    let x: Int
    let y: Int
    let text: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "x": return .int(x)
        case "y": return .int(y)
        case "text": return .string(text)
        default: return nil
        }
    }
}

/// A legend entry: its colour's square and its name beside it.
struct LegendMark: TemplateView {
    let label: String
    let fill: String
    let x: Int
    let y: Int
    let textX: Int
    let textY: Int

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "label": return .string(label)
        case "fill": return .string(fill)
        case "x": return .int(x)
        case "y": return .int(y)
        case "text_x": return .int(textX)
        case "text_y": return .int(textY)
        default: return nil
        }
    }
}

/// One colour of a chart, with its name in the legend. Fills are dark enough for 3:1 against
/// the white page (WCAG 1.4.11) and differ in hue and lightness from each other. As a view, the
/// column heading of the table after the chart.
struct ChartSeries: TemplateView {
    var label: String
    var fill: String

    func member(_ key: String) -> TemplateValue? { key == "label" ? .string(label) : nil }

    static let workshop = "#0b5e55"
    static let platform = "#a04f00"
    static let women = "#6a3d9a"
    static let rest = "#dfe4e8"
}

/// A table row's header as `partials/text` shows it (the execution, participation and dashboard
/// tables): "Axis 1: " then the title, marked when untranslated; the projects without an axis
/// have a plain text. A key left nil is looked up around the header, as it was when absent; a
/// dated row (an event of the women's share) shows its day after the title.
struct RowHeader: TemplateView {
    let text: String
    var fallback: Bool? = nil
    var prefix: String? = nil
    var date: String? = nil

    /// A stored title in the page's language, after `prefix`.
    init(_ title: Localized, _ language: Language, prefix: String? = nil, date: String? = nil) {
        let text = LocalizedText(title, language)
        self.init(text: text.text, fallback: text.fallback, prefix: prefix, date: date)
    }

    init(text: String, fallback: Bool? = nil, prefix: String? = nil, date: String? = nil) {
        self.text = text; self.fallback = fallback; self.prefix = prefix; self.date = date
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "text": return .string(text)
        case "fallback": return fallback.map { .bool($0) }
        case "prefix": return prefix.map { .string($0) }
        case "date": return .init(date)
        default: return nil
        }
    }
}

/// Grouped horizontal bars: for each category (an axis, a project, a status) one bar per
/// series (a channel). Built as numbers here so the template only places them, and so the
/// same numbers fill the table that follows the chart for people who cannot see it.
struct BarChart {
    /// A row of the chart: its label as drawn, as the table shows it (marked when it is an
    /// untranslated Arabic text on a French page), and one value per series.
    struct Category {
        var label: String
        var header: RowHeader
        var values: [Int]
    }

    var id: String
    var title: String
    var categoryHeading: String
    var series: [ChartSeries]
    var categories: [Category]
    var language: Language

    static let barHeight = 16
    static let barGap = 3
    static let groupGap = 12

    var maximum: Int { categories.flatMap(\.values).max() ?? 0 }

    /// Bar length in chart units; a non-zero count always shows at least a sliver.
    func length(_ value: Int) -> Int {
        let maximum = maximum
        guard maximum > 0, value > 0 else { return 0 }
        let room = ChartFrame.inlineSize - ChartFrame.valueRoom(for: Format.number(maximum, language))
        return max(2, (value * room + maximum / 2) / maximum)
    }

    func total(series index: Int) -> Int { categories.reduce(0) { $0 + $1.values[index] } }

    /// "Proposals by axis: Digitisation (workshop 5, platform 9); ..." — the chart in words,
    /// read by screen readers as the image's name.
    var summary: String {
        let (list, group) = language == .ar ? ("، ", "؛ ") : (", ", "; ")
        let parts = categories.map { category in
            let values = zip(series, category.values).map { "\($0.label) \(Format.number($1, language))" }
            return "\(category.label) (\(values.joined(separator: list)))"
        }
        return title + (language == .ar ? ": " : " : ") + parts.joined(separator: group)
    }

    /// The chart as `partials/participation_bar_chart` reads it.
    var view: BarChartView {
        let frame = ChartFrame(rightToLeft: language == .ar)
        var (legend, y) = frame.legend(series.map { ($0.label, $0.fill) })
        var groups: [BarGroup] = []
        for category in categories {
            let lines = frame.textLines(category.label, top: y)
            y += lines.count * ChartFrame.lineHeight + 4
            var bars: [BarMark] = []
            for (index, item) in series.enumerated() {
                let value = category.values[index]
                let length = length(value)
                bars.append(BarMark(x: frame.x(0, length: length), y: y, width: length, fill: item.fill,
                                    value: Format.number(value, language), series: item.label, valueX: frame.x(length + 4)))
                y += BarChart.barHeight + BarChart.barGap
            }
            y += BarChart.groupGap
            groups.append(BarGroup(lines: lines, bars: bars))
        }
        let rows = categories.map { category in
            BarTable.Row(header: category.header, cells: zip(category.values, series).map { BarTable.Cell(value: $0, label: $1.label) })
        }
        let totals = series.indices.map { BarTable.Cell(value: total(series: $0), label: series[$0].label) }
        return BarChartView(id: id, title: title, summary: summary, height: y, legend: legend, groups: groups,
                            table: BarTable(categoryHeading: categoryHeading, series: series, rows: rows, totals: totals))
    }
}

/// What `partials/participation_bar_chart` draws: the legend, each category's bars, then the table.
struct BarChartView: TemplateView {
    let id: String
    let title: String
    /// The chart in words, the image's name for screen readers.
    let summary: String
    let height: Int
    let legend: [LegendMark]
    let groups: [BarGroup]
    let table: BarTable

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "id": return .string(id)
        case "title": return .string(title)
        case "summary": return .string(summary)
        case "width": return .int(ChartFrame.width)
        case "height": return .int(height)
        case "legend": return .init(legend)
        case "groups": return .init(groups)
        case "table": return .init(table)
        default: return nil
        }
    }
}

/// A category's label lines, then its bars, one per series.
struct BarGroup: TemplateView {
    let lines: [ChartTextLine]
    let bars: [BarMark]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "lines": return .init(lines)
        case "bars": return .init(bars)
        default: return nil
        }
    }
}

/// One bar of a `BarChart`, with its value written past its end.
struct BarMark: TemplateView {
    let x: Int
    let y: Int
    let width: Int
    let fill: String
    /// The count as the page's language writes it.
    let value: String
    let series: String
    let valueX: Int

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "x": return .int(x)
        case "y": return .int(y)
        case "width": return .int(width)
        case "height": return .int(BarChart.barHeight)
        case "fill": return .string(fill)
        case "value": return .string(value)
        case "series": return .string(series)
        case "value_x": return .int(valueX)
        case "value_y": return .int(y + 13)
        default: return nil
        }
    }
}

/// The table that follows a `BarChart`: the same numbers for people who cannot see the bars.
struct BarTable: TemplateView {
    /// A category's row: its header (`partials/text`) and one cell per series.
    struct Row: TemplateView {
        let header: RowHeader
        let cells: [Cell]

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "header": return .init(header)
            case "cells": return .init(cells)
            case "total": return .int(cells.reduce(0) { $0 + $1.value })
            default: return nil
            }
        }
    }

    /// A figure that names its series: on a phone the row is a card of labelled figures.
    struct Cell: TemplateView {
        let value: Int
        let label: String

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "value": return .int(value)
            case "label": return .string(label)
            default: return nil
            }
        }
    }

    let categoryHeading: String
    let series: [ChartSeries]
    let rows: [Row]
    let totals: [Cell]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "category_heading": return .string(categoryHeading)
        case "series": return .init(series)
        case "rows": return .init(rows)
        case "totals": return .init(totals)
        case "grand_total": return .int(totals.reduce(0) { $0 + $1.value })
        default: return nil
        }
    }
}

/// The women's share of an event's participants as a 100% bar: the women's part from the
/// inline start, the rest after it, the whole outlined so the rest is visible on white.
struct ShareChart {
    /// An event: its label as drawn, its header as the table shows it, its women and participants.
    struct Row: TemplateView {
        var label: String
        var header: RowHeader
        var part: Int
        var whole: Int

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "header": return .init(header)
            case "part": return .int(part)
            case "whole": return .int(whole)
            default: return nil
            }
        }
    }

    var id: String
    var title: String
    var rowHeading: String
    var partLabel: String
    var restLabel: String
    /// "{1} of {2} ({3})" in the page language.
    var lineFormat: String
    var rows: [Row]
    var language: Language

    static let barHeight = 22

    func line(_ row: Row) -> String {
        Translations.fill(lineFormat, [Format.number(row.part, language), Format.number(row.whole, language), Format.percent(row.part, of: row.whole)])
    }

    var summary: String {
        let (separator, colon) = language == .ar ? ("؛ ", ": ") : ("; ", " : ")
        return title + colon + rows.map { $0.label + colon + line($0) }.joined(separator: separator)
    }

    /// The chart as `partials/participation_share_chart` reads it.
    var view: ShareChartView {
        let frame = ChartFrame(rightToLeft: language == .ar)
        var (legend, y) = frame.legend([(partLabel, ChartSeries.women), (restLabel, ChartSeries.rest)])
        let size = ChartFrame.inlineSize
        var bars: [ShareBar] = []
        for row in rows {
            let lines = frame.textLines(row.label, top: y)
            y += lines.count * ChartFrame.lineHeight
            let caption = frame.textLines(line(row), top: y)
            y += caption.count * ChartFrame.lineHeight + 4
            let part = row.whole > 0 ? (row.part * size + row.whole / 2) / row.whole : 0
            bars.append(ShareBar(lines: lines, caption: caption, part: BarSpan(x: frame.x(0, length: part), width: part),
                                 rest: BarSpan(x: frame.x(part, length: size - part), width: size - part),
                                 outline: BarSpan(x: frame.x(0, length: size), width: size), y: y))
            y += ShareChart.barHeight + 14
        }
        return ShareChartView(id: id, title: title, summary: summary, height: y, legend: legend, bars: bars, rowHeading: rowHeading, rows: rows)
    }
}

/// What `partials/participation_share_chart` draws: the legend, each event's 100% bar, then the table.
struct ShareChartView: TemplateView {
    /// The table after the chart: each event's participants and women.
    struct Table: TemplateView {
        let rowHeading: String
        let rows: [ShareChart.Row]

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "row_heading": return .string(rowHeading)
            case "rows": return .init(rows)
            default: return nil
            }
        }
    }

    let id: String
    let title: String
    /// The chart in words, the image's name for screen readers.
    let summary: String
    let height: Int
    let legend: [LegendMark]
    let bars: [ShareBar]
    let rowHeading: String
    let rows: [ShareChart.Row]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "id": return .string(id)
        case "title": return .string(title)
        case "summary": return .string(summary)
        case "width": return .int(ChartFrame.width)
        case "height": return .int(height)
        case "women_fill": return .string(ChartSeries.women)
        case "rest_fill": return .string(ChartSeries.rest)
        case "legend": return .init(legend)
        case "bars": return .init(bars)
        case "table": return .init(Table(rowHeading: rowHeading, rows: rows))
        default: return nil
        }
    }
}

/// One event's bar: its label and caption lines, the women's part, the rest, and the outline.
struct ShareBar: TemplateView {
    let lines: [ChartTextLine]
    let caption: [ChartTextLine]
    let part: BarSpan
    let rest: BarSpan
    let outline: BarSpan
    let y: Int

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "lines": return .init(lines)
        case "caption": return .init(caption)
        case "part": return .init(part)
        case "rest": return .init(rest)
        case "outline": return .init(outline)
        case "y": return .int(y)
        case "height": return .int(ShareChart.barHeight)
        default: return nil
        }
    }
}
