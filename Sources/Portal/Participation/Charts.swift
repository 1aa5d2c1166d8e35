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
    /// Room after the longest bar for its value label.
    static let valueRoom = 40
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

    func textLines(_ text: String, top: Int, offset: Int = 0) -> [TemplateValue] {
        ChartFrame.lines(text).enumerated().map { index, line in
            ["x": .int(x(offset)), "y": .int(top + index * ChartFrame.lineHeight + 15), "text": .string(line)]
        }
    }
}

/// One colour of a chart, with its name in the legend. Fills are dark enough for 3:1 against
/// the white page (WCAG 1.4.11) and differ in hue and lightness from each other.
struct ChartSeries {
    var label: String
    var fill: String

    static let workshop = "#0b5e55"
    static let platform = "#a04f00"
    static let women = "#6a3d9a"
    static let rest = "#dfe4e8"
}

/// Grouped horizontal bars: for each category (an axis, a project, a status) one bar per
/// series (a channel). Built as numbers here so the template only places them, and so the
/// same numbers fill the table that follows the chart for people who cannot see it.
struct BarChart {
    /// A row of the chart: its label as drawn, as the table shows it (marked when it is an
    /// untranslated Arabic text on a French page), and one value per series.
    struct Category {
        var label: String
        var header: TemplateValue
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
        let room = ChartFrame.inlineSize - ChartFrame.valueRoom
        guard maximum > 0, value > 0 else { return 0 }
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

    var value: TemplateValue {
        let frame = ChartFrame(rightToLeft: language == .ar)
        var y = ChartFrame.margin
        var legend: [TemplateValue] = []
        for item in series {
            legend.append(["label": .string(item.label), "fill": .string(item.fill),
                           "x": .int(frame.x(0, length: 14)), "y": .int(y + 2),
                           "text_x": .int(frame.x(20)), "text_y": .int(y + 14)])
            y += 20
        }
        y += 8
        var groups: [TemplateValue] = []
        for category in categories {
            let lines = frame.textLines(category.label, top: y)
            y += lines.count * ChartFrame.lineHeight + 4
            var bars: [TemplateValue] = []
            for (index, item) in series.enumerated() {
                let value = category.values[index]
                let length = length(value)
                bars.append(["x": .int(frame.x(0, length: length)), "y": .int(y), "width": .int(length),
                             "height": .int(BarChart.barHeight), "fill": .string(item.fill),
                             "value": .string(Format.number(value, language)), "series": .string(item.label),
                             "value_x": .int(frame.x(length + 4)), "value_y": .int(y + 13)])
                y += BarChart.barHeight + BarChart.barGap
            }
            y += BarChart.groupGap
            groups.append(["lines": .array(lines), "bars": .array(bars)])
        }
        let height = y
        let rows: [TemplateValue] = categories.map { category in
            ["header": category.header,
             // each cell names its series: on a phone the row is a card of labelled figures
             "cells": .array(zip(category.values, series).map { ["value": .int($0), "label": .string($1.label)] }),
             "total": .int(category.values.reduce(0, +))]
        }
        return [
            "id": .string(id), "title": .string(title), "summary": .string(summary),
            "width": .int(ChartFrame.width), "height": .int(height),
            "legend": .array(legend), "groups": .array(groups),
            "table": [
                "category_heading": .string(categoryHeading),
                "series": .array(series.map { ["label": .string($0.label)] }),
                "rows": .array(rows),
                "totals": .array(series.indices.map { ["value": .int(total(series: $0)), "label": .string(series[$0].label)] }),
                "grand_total": .int(series.indices.reduce(0) { $0 + total(series: $1) }),
            ],
        ]
    }
}

/// The women's share of an event's participants as a 100% bar: the women's part from the
/// inline start, the rest after it, the whole outlined so the rest is visible on white.
struct ShareChart {
    struct Row {
        var label: String
        var header: TemplateValue
        var part: Int
        var whole: Int
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

    var value: TemplateValue {
        let frame = ChartFrame(rightToLeft: language == .ar)
        var y = ChartFrame.margin
        var legend: [TemplateValue] = []
        for (label, fill) in [(partLabel, ChartSeries.women), (restLabel, ChartSeries.rest)] {
            legend.append(["label": .string(label), "fill": .string(fill),
                           "x": .int(frame.x(0, length: 14)), "y": .int(y + 2),
                           "text_x": .int(frame.x(20)), "text_y": .int(y + 14)])
            y += 20
        }
        y += 8
        let size = ChartFrame.inlineSize
        var bars: [TemplateValue] = []
        for row in rows {
            let lines = frame.textLines(row.label, top: y)
            y += lines.count * ChartFrame.lineHeight
            let caption = frame.textLines(line(row), top: y)
            y += caption.count * ChartFrame.lineHeight + 4
            let part = row.whole > 0 ? (row.part * size + row.whole / 2) / row.whole : 0
            bars.append([
                "lines": .array(lines), "caption": .array(caption),
                "part": ["x": .int(frame.x(0, length: part)), "width": .int(part)],
                "rest": ["x": .int(frame.x(part, length: size - part)), "width": .int(size - part)],
                "outline": ["x": .int(frame.x(0, length: size)), "width": .int(size)],
                "y": .int(y), "height": .int(ShareChart.barHeight),
            ])
            y += ShareChart.barHeight + 14
        }
        return [
            "id": .string(id), "title": .string(title), "summary": .string(summary),
            "width": .int(ChartFrame.width), "height": .int(y),
            "women_fill": .string(ChartSeries.women), "rest_fill": .string(ChartSeries.rest),
            "legend": .array(legend), "bars": .array(bars),
            "table": [
                "row_heading": .string(rowHeading),
                "rows": .array(rows.map { ["header": $0.header, "part": .int($0.part), "whole": .int($0.whole)] }),
            ],
        ]
    }
}
