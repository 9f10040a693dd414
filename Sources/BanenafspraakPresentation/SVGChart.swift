import BanenafspraakCore

/// The one SVG chart kit of the project's HTML (the run report, the simulation report, the server's pages): grouped
/// bars, lines over years, horizontal bars and stacked shares, drawn with integer geometry (no floating point
/// anywhere near a legal figure). Every chart is shown beside a table with the same numbers, so nothing is shown only
/// as a picture.
public enum SVGChart {
    /// How many employers gain, stay equal and lose under a reform, as a stacked bar shows them.
    public struct GainEqualLose: Sendable {
        public var gain: Int, equal: Int, lose: Int
        public init(gain: Int, equal: Int, lose: Int) {
            self.gain = gain
            self.equal = equal
            self.lose = lose
        }
    }

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
    public static func lines(title: String, categories: [String], series: [Series], label: @escaping (Int64) -> String) -> String {
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

    /// The bar length of the horizontal charts.
    static let barLength: Int64 = 420

    /// Horizontal bars, one per label, scaled to the largest magnitude (integer geometry).
    public static func horizontalBars(_ id: String, _ title: String, _ items: [(label: String, value: Int64, text: String, colour: String)]) -> String {
        let maxValue = max(items.map { $0.value.magnitude }.max() ?? 1, 1)
        let rowHeight = 26
        let h = items.count * rowHeight + 10
        var s = "<svg role=\"img\" aria-labelledby=\"\(id)\" viewBox=\"0 0 760 \(h)\" width=\"760\" height=\"\(h)\"><title id=\"\(id)\">\(HTMLText.escape(title))</title>"
        for (i, item) in items.enumerated() {
            let y = 5 + i * rowHeight
            let w = Int64(item.value.magnitude) * barLength / Int64(maxValue)
            s += "<text x=\"0\" y=\"\(y + 17)\" font-size=\"13\">\(HTMLText.escape(item.label))</text>"
            s += "<rect x=\"230\" y=\"\(y + 4)\" width=\"\(w)\" height=\"18\" fill=\"\(item.colour)\"\(item.value < 0 ? " fill-opacity=\"0.55\" stroke=\"#222\" stroke-dasharray=\"3 2\"" : "")/>"
            s += "<text x=\"\(236 + w)\" y=\"\(y + 17)\" font-size=\"12\">\(HTMLText.escape(item.text))</text>"
        }
        return s + "</svg>"
    }

    /// Stacked bars of gain / equal / lose per group, each bar the group's share (integer geometry).
    public static func stacked(_ id: String, _ title: String, _ groups: [(label: String, counts: GainEqualLose)]) -> String {
        let rowHeight = 28
        let h = groups.count * rowHeight + 34
        var s = "<svg role=\"img\" aria-labelledby=\"\(id)\" viewBox=\"0 0 760 \(h)\" width=\"760\" height=\"\(h)\"><title id=\"\(id)\">\(HTMLText.escape(title))</title>"
        for (i, g) in groups.enumerated() {
            let y = 5 + i * rowHeight
            let total = Int64(max(g.counts.gain + g.counts.equal + g.counts.lose, 1))
            let wg = Int64(g.counts.gain) * barLength / total, we = Int64(g.counts.equal) * barLength / total, wl = Int64(g.counts.lose) * barLength / total
            s += "<text x=\"0\" y=\"\(y + 17)\" font-size=\"13\">\(HTMLText.escape(g.label))</text>"
            s += "<rect x=\"230\" y=\"\(y + 4)\" width=\"\(wg)\" height=\"20\" fill=\"#2a7d3f\"/>"
            s += "<rect x=\"\(230 + wg)\" y=\"\(y + 4)\" width=\"\(we)\" height=\"20\" fill=\"#b8b8b8\"/>"
            s += "<rect x=\"\(230 + wg + we)\" y=\"\(y + 4)\" width=\"\(wl)\" height=\"20\" fill=\"#b3261e\"/>"
            s += "<text x=\"\(236 + barLength)\" y=\"\(y + 18)\" font-size=\"12\">+\(g.counts.gain) / =\(g.counts.equal) / -\(g.counts.lose)</text>"
        }
        let ly = groups.count * rowHeight + 20
        s += "<rect x=\"230\" y=\"\(ly - 10)\" width=\"12\" height=\"12\" fill=\"#2a7d3f\"/><text x=\"246\" y=\"\(ly)\" font-size=\"12\">vooruit</text>"
        s += "<rect x=\"320\" y=\"\(ly - 10)\" width=\"12\" height=\"12\" fill=\"#b8b8b8\"/><text x=\"336\" y=\"\(ly)\" font-size=\"12\">gelijk</text>"
        s += "<rect x=\"400\" y=\"\(ly - 10)\" width=\"12\" height=\"12\" fill=\"#b3261e\"/><text x=\"416\" y=\"\(ly)\" font-size=\"12\">achteruit</text>"
        return s + "</svg>"
    }

    /// One curve of ``steps(id:title:description:xTitle:xs:curves:marks:current:xLabel:yLabel:zeroLabel:)``: a value per point.
    public struct Curve: Sendable {
        public var name: String
        public var color: String
        /// A `stroke-dasharray`, or `nil` for a solid line.
        public var dash: String?
        public var values: [Int64]

        public init(name: String, color: String, dash: String? = nil, values: [Int64]) {
            self.name = name
            self.color = color
            self.dash = dash
            self.values = values
        }
    }

    /// A vertical mark at an x value: a short tick on the x axis, or a dashed line across the plot, labelled on
    /// text row `row` (0 or 1) at the top.
    public enum Mark: Sendable {
        case tick(x: Int64, color: String)
        case line(x: Int64, color: String, dash: String, label: String, row: Int64)
    }

    /// Step curves over one varied input (the rekentool): x and y in the inputs' smallest units, the marks, and a
    /// grey line "u bent hier" at `current` (clamped to the range). The y axis is labelled at its ends (and at
    /// zero, `zeroLabel`, when values go below it); the x axis at its ends and with `xTitle` below.
    public static func steps(id: String, title: String, description: String, xTitle: String, xs: [Int64], curves: [Curve], marks: [Mark],
                             current: Int64, xLabel: (Int64) -> String, yLabel: (Int64) -> String, zeroLabel: String) -> String {
        let width: Int128 = 640, height: Int128 = 320
        let left: Int128 = 92, right: Int128 = 16, top: Int128 = 34, bottom: Int128 = 58
        guard let first = xs.first, let last = xs.last else { return "" }
        let xMin = Int128(first), xMax = max(Int128(last), xMin + 1)
        var yMin: Int128 = 0, yMax: Int128 = 0
        for c in curves {
            for v in c.values { yMin = min(yMin, Int128(v)); yMax = max(yMax, Int128(v)) }
        }
        if yMax == yMin { yMax = yMin + 100_00 }
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ v: Int64) -> Int128 { left + (Int128(v) - xMin) * plotW / (xMax - xMin) }
        func y(_ v: Int64) -> Int128 { top + (yMax - Int128(v)) * plotH / (yMax - yMin) }
        func text(_ x: Int128, _ y: Int128, _ anchor: String?, _ size: Int, _ fill: String, _ content: String) -> String {
            "<text x=\"\(x)\" y=\"\(y)\"\(anchor.map { " text-anchor=\"\($0)\"" } ?? "") font-size=\"\(size)\" fill=\"\(fill)\">\(HTMLText.escape(content))</text>"
        }
        func dashed(_ dash: String?) -> String { dash.map { " stroke-dasharray=\"\($0)\"" } ?? "" }
        let ink = "#1b1b1b"
        var s = "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(id)-titel \(id)-uitleg\" xmlns=\"http://www.w3.org/2000/svg\">"
        s += "<title id=\"\(id)-titel\">\(HTMLText.escape(title))</title>"
        s += "<desc id=\"\(id)-uitleg\">\(HTMLText.escape(description))</desc>"
        s += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(plotW)\" height=\"\(plotH)\" fill=\"#fafafa\" stroke=\"#767676\"/>"
        // Zero line and axis labels.
        if yMin < 0 { s += "<line x1=\"\(left)\" x2=\"\(left + plotW)\" y1=\"\(y(0))\" y2=\"\(y(0))\" stroke=\"\(ink)\" stroke-width=\"1\"/>" }
        s += text(left - 6, top + 4, "end", 12, ink, yLabel(Int64(yMax)))
        s += text(left - 6, top + plotH, "end", 12, ink, yLabel(Int64(yMin)))
        if yMin < 0 { s += text(left - 6, y(0) + 4, "end", 12, ink, zeroLabel) }
        s += text(left, top + plotH + 16, nil, 12, ink, xLabel(first))
        s += text(left + plotW, top + plotH + 16, "end", 12, ink, xLabel(last))
        s += text(left + plotW / 2, height - 8, "middle", 13, ink, xTitle)
        for mark in marks {
            switch mark {
            case .tick(let at, let color):
                let cx = x(at)
                s += "<line x1=\"\(cx)\" x2=\"\(cx)\" y1=\"\(top + plotH)\" y2=\"\(top + plotH - 8)\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            case .line(let at, let color, let dash, let label, let row):
                let cx = x(at)
                s += "<line x1=\"\(cx)\" x2=\"\(cx)\" y1=\"\(top)\" y2=\"\(top + plotH)\" stroke=\"\(color)\" stroke-width=\"2\"\(dashed(dash))/>"
                s += text(cx + 4, top + 14 + 16 * Int128(row), nil, 12, color, label)
            }
        }
        // You are here.
        let hx = x(min(max(current, first), last))
        s += "<line x1=\"\(hx)\" x2=\"\(hx)\" y1=\"\(top)\" y2=\"\(top + plotH)\" stroke=\"#4a4a4a\" stroke-width=\"2\"/>"
        s += text(hx, top - 6, "middle", 12, ink, "u bent hier")
        // The curves, then their legend.
        for c in curves {
            var d = ""
            for (i, (px, v)) in zip(xs, c.values).enumerated() {
                d += i == 0 ? "M\(x(px)) \(y(v))" : " H\(x(px)) V\(y(v))"
            }
            s += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(c.color)\" stroke-width=\"3\"\(dashed(c.dash))/>"
        }
        for (i, c) in curves.enumerated() {
            let lx = left + 150 * Int128(i)
            s += "<line x1=\"\(lx)\" x2=\"\(lx + 24)\" y1=\"12\" y2=\"12\" stroke=\"\(c.color)\" stroke-width=\"3\"\(dashed(c.dash))/>"
            s += text(lx + 30, 16, nil, 12, ink, c.name)
        }
        return s + "</svg>"
    }
}
