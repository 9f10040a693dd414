import BanenafspraakAssessment
import BanenafspraakCore

/// The rekentool's curve as inline SVG (no script, no external file): the levy under the law of 2015 and
/// the net result under the simplified scheme over one varied input, with the cliffs marked. Coordinates
/// are computed in integers.
enum Chart {
    static let width: Int128 = 640, height: Int128 = 320
    static let left: Int128 = 92, right: Int128 = 16, top: Int128 = 34, bottom: Int128 = 58

    static func svg(points: [Estimate.Point], cliffs: [Estimate.Cliff], current: Int64, input: Estimate.VariedInput) -> String {
        guard let first = points.first, let last = points.last else { return "" }
        let xMin = Int128(first.value), xMax = max(Int128(last.value), xMin + 1)
        var yMin: Int128 = 0, yMax: Int128 = 0
        for p in points {
            for v in [p.figures.levy.rawValue, p.figures.net.rawValue] { yMin = min(yMin, Int128(v)); yMax = max(yMax, Int128(v)) }
        }
        if yMax == yMin { yMax = yMin + 100_00 }
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ v: Int64) -> Int128 { left + (Int128(v) - xMin) * plotW / (xMax - xMin) }
        func y(_ v: Int64) -> Int128 { top + (yMax - Int128(v)) * plotH / (yMax - yMin) }
        func label(_ v: Int64) -> String {
            input == .premiumBase ? DutchNumber.euro(Cents(v / 100 * 100)) : DutchNumber.format(units: v / 100, scale: 0) + " uur"
        }
        func steps(_ value: (EmployerFigures) -> Cents) -> String {
            var d = ""
            for (i, p) in points.enumerated() {
                let px = x(p.value), py = y(value(p.figures).rawValue)
                if i == 0 { d += "M\(px) \(py)" } else { d += " H\(px) V\(py)" }
            }
            return d
        }
        let what = Rekentool.varied.first { $0.0 == input.rawValue }!.1
        var s = "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"grafiek-titel grafiek-uitleg\" xmlns=\"http://www.w3.org/2000/svg\">"
        s += "<title id=\"grafiek-titel\">Quotumheffing en nettoresultaat bij \(HTMLText.escape(what.lowercasedFirst))</title>"
        s += "<desc id=\"grafiek-uitleg\">Blauwe lijn: quotumheffing onder de wet van 2015. Groene lijn: nettoresultaat onder de vereenvoudigde regeling. Rode stippellijn: grens van de quotumplicht. Oranje stippellijn: de inclusiviteitsopslag gaat gelden. Streepjes onderaan: stappen van de heffing per tiende baan. Grijze lijn: uw invoer. De tabel onder de grafiek geeft dezelfde cijfers.</desc>"
        s += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(plotW)\" height=\"\(plotH)\" fill=\"#fafafa\" stroke=\"#767676\"/>"
        // Zero line and axis labels.
        if yMin < 0 { s += "<line x1=\"\(left)\" x2=\"\(left + plotW)\" y1=\"\(y(0))\" y2=\"\(y(0))\" stroke=\"#1b1b1b\" stroke-width=\"1\"/>" }
        s += "<text x=\"\(left - 6)\" y=\"\(top + 4)\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1b1b\">\(HTMLText.escape(DutchNumber.euro(Cents(Int64(yMax) / 100 * 100))))</text>"
        s += "<text x=\"\(left - 6)\" y=\"\(top + plotH)\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1b1b\">\(HTMLText.escape(DutchNumber.euro(Cents(Int64(yMin) / 100 * 100))))</text>"
        if yMin < 0 { s += "<text x=\"\(left - 6)\" y=\"\(y(0) + 4)\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1b1b\">€ 0</text>" }
        s += "<text x=\"\(left)\" y=\"\(top + plotH + 16)\" font-size=\"12\" fill=\"#1b1b1b\">\(HTMLText.escape(label(first.value)))</text>"
        s += "<text x=\"\(left + plotW)\" y=\"\(top + plotH + 16)\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1b1b\">\(HTMLText.escape(label(last.value)))</text>"
        s += "<text x=\"\(left + plotW / 2)\" y=\"\(height - 8)\" text-anchor=\"middle\" font-size=\"13\" fill=\"#1b1b1b\">\(HTMLText.escape(what))</text>"
        // Cliffs.
        for c in cliffs {
            let cx = x(c.after)
            switch c.kind {
            case .levyStep:
                s += "<line x1=\"\(cx)\" x2=\"\(cx)\" y1=\"\(top + plotH)\" y2=\"\(top + plotH - 8)\" stroke=\"#01689b\" stroke-width=\"2\"/>"
            case .liabilityThreshold:
                s += "<line x1=\"\(cx)\" x2=\"\(cx)\" y1=\"\(top)\" y2=\"\(top + plotH)\" stroke=\"#a30000\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
                s += "<text x=\"\(cx + 4)\" y=\"\(top + 14)\" font-size=\"12\" fill=\"#a30000\">grens quotumplicht</text>"
            case .surchargeOn, .surchargeOff:
                s += "<line x1=\"\(cx)\" x2=\"\(cx)\" y1=\"\(top)\" y2=\"\(top + plotH)\" stroke=\"#8a4b00\" stroke-width=\"2\" stroke-dasharray=\"2 3\"/>"
                s += "<text x=\"\(cx + 4)\" y=\"\(top + 30)\" font-size=\"12\" fill=\"#8a4b00\">\(c.kind == .surchargeOn ? "opslag gaat gelden" : "opslag vervalt")</text>"
            }
        }
        // You are here.
        let hx = x(min(max(current, first.value), last.value))
        s += "<line x1=\"\(hx)\" x2=\"\(hx)\" y1=\"\(top)\" y2=\"\(top + plotH)\" stroke=\"#4a4a4a\" stroke-width=\"2\"/>"
        s += "<text x=\"\(hx)\" y=\"\(top - 6)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1b1b\">u bent hier</text>"
        // The two curves.
        s += "<path d=\"\(steps { $0.levy })\" fill=\"none\" stroke=\"#01689b\" stroke-width=\"3\"/>"
        s += "<path d=\"\(steps { $0.net })\" fill=\"none\" stroke=\"#2e6b00\" stroke-width=\"3\" stroke-dasharray=\"8 3\"/>"
        // Legend.
        s += "<line x1=\"\(left)\" x2=\"\(left + 24)\" y1=\"12\" y2=\"12\" stroke=\"#01689b\" stroke-width=\"3\"/><text x=\"\(left + 30)\" y=\"16\" font-size=\"12\" fill=\"#1b1b1b\">quotumheffing</text>"
        s += "<line x1=\"\(left + 150)\" x2=\"\(left + 174)\" y1=\"12\" y2=\"12\" stroke=\"#2e6b00\" stroke-width=\"3\" stroke-dasharray=\"8 3\"/><text x=\"\(left + 180)\" y=\"16\" font-size=\"12\" fill=\"#1b1b1b\">nettoresultaat</text>"
        s += "</svg>"
        return s
    }
}
