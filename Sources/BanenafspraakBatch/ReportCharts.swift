import BanenafspraakCore
import Foundation

/// Inline SVG charts for `report.html`: grouped bars and a two-series line, drawn with integer geometry (no
/// floating point anywhere near a legal figure). Every chart in the report is followed by a table with the same
/// numbers, so nothing is shown only as a picture. The page `/aanname` draws its years with the same bars.
public enum ReportCharts {
    public struct Series: Sendable {
        public var name: String
        public var color: String
        /// One value per category, in the figure's smallest unit (cents, hundredths of a job, a count).
        public var values: [Int64]
        public init(name: String, color: String, values: [Int64]) {
            self.name = name
            self.color = color
            self.values = values
        }
    }

    static let width: Int64 = 640
    static let height: Int64 = 260
    static let left: Int64 = 90
    static let bottom: Int64 = 40
    static let top: Int64 = 20

    /// The scale: a "nice" maximum (1, 2 or 5 × 10^k units) at or above the largest magnitude.
    static func niceMax(_ m: Int64) -> Int64 {
        var step: Int64 = 1
        while true {
            for f: Int64 in [1, 2, 5] where step * f >= m { return max(step * f, 1) }
            step *= 10
        }
    }

    /// The y axis with zero line; values may be negative.
    static func axis(minValue: Int64, maxValue: Int64, label: (Int64) -> String) -> (svg: String, y: (Int64) -> Int64) {
        let hi = niceMax(max(maxValue, 0)), lo = minValue < 0 ? -niceMax(-minValue) : 0
        let span = max(hi - lo, 1)
        let plot = height - bottom - top
        let y: (Int64) -> Int64 = { v in top + Int64((Int128(hi - v) * Int128(plot)) / Int128(span)) }
        var svg = ""
        var ticks: [Int64] = []
        for t in [lo, lo / 2, 0, hi / 2, hi] where !ticks.contains(t) { ticks.append(t) }
        for tick in ticks {
            svg += "<line x1=\"\(left)\" x2=\"\(width - 10)\" y1=\"\(y(tick))\" y2=\"\(y(tick))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(y(tick) + 4)\" text-anchor=\"end\" font-size=\"11\">\(HTMLText.escape(label(tick)))</text>"
        }
        svg += "<line x1=\"\(left)\" x2=\"\(width - 10)\" y1=\"\(y(0))\" y2=\"\(y(0))\" stroke=\"#555\"/>"
        return (svg, y)
    }

    static func legend(_ series: [Series]) -> String {
        var svg = ""
        var x = left
        for s in series {
            svg += "<rect x=\"\(x)\" y=\"\(height - 14)\" width=\"10\" height=\"10\" fill=\"\(s.color)\"/>"
            svg += "<text x=\"\(x + 14)\" y=\"\(height - 5)\" font-size=\"11\">\(HTMLText.escape(s.name))</text>"
            x += 24 + Int64(s.name.count) * 7
        }
        return svg
    }

    /// Grouped bars: one group per category, one bar per series.
    public static func bars(title: String, categories: [String], series: [Series], label: @escaping (Int64) -> String) -> String {
        let all = series.flatMap(\.values)
        let (axisSVG, y) = axis(minValue: all.min() ?? 0, maxValue: all.max() ?? 0, label: label)
        let groups = Int64(max(categories.count, 1))
        let groupWidth = (width - left - 20) / groups
        let barWidth = max(4, (groupWidth - 16) / Int64(max(series.count, 1)))
        var svg = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\" class=\"chart\"><title>\(HTMLText.escape(title))</title>" + axisSVG
        for (g, category) in categories.enumerated() {
            let x0 = left + 10 + Int64(g) * groupWidth
            for (k, s) in series.enumerated() where g < s.values.count {
                let v = s.values[g]
                let top = min(y(v), y(0)), h = max(1, abs(y(v) - y(0)))
                svg += "<rect x=\"\(x0 + Int64(k) * barWidth)\" y=\"\(top)\" width=\"\(barWidth - 2)\" height=\"\(h)\" fill=\"\(s.color)\"><title>\(HTMLText.escape(s.name + ", " + category + ": " + label(v)))</title></rect>"
            }
            svg += "<text x=\"\(x0 + groupWidth / 2 - 8)\" y=\"\(height - bottom + 14)\" text-anchor=\"middle\" font-size=\"11\">\(HTMLText.escape(category))</text>"
        }
        return svg + legend(series) + "</svg>"
    }

    /// Lines over ordered categories (years); a single category is drawn as dots.
    static func lines(title: String, categories: [String], series: [Series], label: @escaping (Int64) -> String) -> String {
        let all = series.flatMap(\.values)
        let (axisSVG, y) = axis(minValue: all.min() ?? 0, maxValue: all.max() ?? 0, label: label)
        let n = Int64(max(categories.count, 1))
        let step = n > 1 ? (width - left - 40) / (n - 1) : 0
        func x(_ i: Int) -> Int64 { n > 1 ? left + 15 + Int64(i) * step : (left + width) / 2 }
        var svg = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\" class=\"chart\"><title>\(HTMLText.escape(title))</title>" + axisSVG
        for s in series {
            let points = s.values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            if s.values.count > 1 { svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(s.color)\" stroke-width=\"2\"/>" }
            for (i, v) in s.values.enumerated() {
                svg += "<circle cx=\"\(x(i))\" cy=\"\(y(v))\" r=\"4\" fill=\"\(s.color)\"><title>\(HTMLText.escape(s.name + " " + categories[i] + ": " + label(v)))</title></circle>"
            }
        }
        for (i, c) in categories.enumerated() {
            svg += "<text x=\"\(x(i))\" y=\"\(height - bottom + 14)\" text-anchor=\"middle\" font-size=\"11\">\(HTMLText.escape(c))</text>"
        }
        return svg + legend(series) + "</svg>"
    }
}
