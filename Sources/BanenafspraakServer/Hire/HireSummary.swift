import BanenafspraakCalculators
import BanenafspraakCore

/// A hire's outcome in Dutch words and numbers (``DutchNumber``), for the page `/aanname` and `hire --format text`.
public struct HireSummary: Sendable {
    public struct Line: Sendable {
        public var label: String
        public var value: String
        public var basis: String
    }

    public struct Year: Sendable {
        public var year: String
        public var months: String
        public var hours: String
        public var wage: String
        public var lkv: String
        public var liv: String
        public var lks: String
        public var noRisk: String
        /// LKV + LIV + loonkostensubsidie: what the employer receives that year.
        public var received: String
        public var lines: [Line]
        public var effect: [Line]
        /// Stored, not computed: the templates read properties by reflection.
        public var hasEffect: Bool
    }

    public struct Deadline: Sendable {
        public var date: String
        public var what: String
        public var source: String
    }

    public var heading: String
    public var years: [Year]
    public var deadlines: [Deadline]
    public var horizon: String?
    /// Per year, LKV + LIV and the loonkostensubsidie in cents, for the chart.
    public var chartYears: [String]
    public var chartLKV: [Int64]
    public var chartLKS: [Int64]

    /// " (schatting)" when the amount rests on an estimate, never shown as if it were law.
    static func estimateMark(_ i: HireInstrument) -> String { i.fields.contains { $0.0 == "estimates" } ? " (schatting)" : "" }

    static func signed(_ c: Cents) -> String { c.rawValue > 0 ? "+" + DutchNumber.euro(c) : DutchNumber.euro(c) }

    public init(_ outcome: Hire.Outcome) {
        let plan = outcome.plan, hire = plan.hire
        heading = "Aanname per \(hire.start): \(DutchNumber.hours(hire.hoursPerWeek)) per week, \(DutchNumber.euro(hire.hourlyWage)) per uur"
        var years: [Year] = [], lkvSeries: [Int64] = [], lksSeries: [Int64] = []
        for y in plan.years {
            let lkv = y.instrument(.lkv), liv = y.instrument(.liv), lks = y.instrument(.lks), nr = y.instrument(.noriskpolis)
            var lines: [Line] = []
            var lkvText = "–"
            if let lkv {
                var label = "Loonkostenvoordeel"
                if case .string(let t)? = lkv.fields.first(where: { $0.0 == "type" })?.1, let type = LKVType(rawValue: t) { label = type.label }
                lkvText = DutchNumber.euro(lkv.amount ?? .zero) + Self.estimateMark(lkv)
                lines.append(Line(label: label, value: lkvText, basis: lkv.legalBasis))
            }
            var livText = "–"
            if let liv {
                livText = DutchNumber.euro(liv.amount ?? .zero) + Self.estimateMark(liv)
                lines.append(Line(label: "Lage-inkomensvoordeel", value: livText, basis: liv.legalBasis))
            }
            var lksText = "–"
            if let lks {
                lksText = DutchNumber.euro(lks.amount ?? .zero) + Self.estimateMark(lks)
                var count = 0, forfaitair = 0
                if case .array(let rows)? = lks.fields.first(where: { $0.0 == "months" })?.1 {
                    count = rows.count
                    forfaitair = rows.filter { $0["route"] == .string("forfaitair") }.count
                }
                lines.append(Line(label: "Loonkostensubsidie (\(count) maanden\(forfaitair > 0 ? ", waarvan \(forfaitair) forfaitair" : ""))", value: lksText, basis: lks.legalBasis))
            }
            var nrText = "–"
            if let nr {
                let covered = nr.fields.first { $0.0 == "covered" }?.1 == .bool(true)
                var until = "zolang de dienstbetrekking duurt"
                if case .string(let d)? = nr.fields.first(where: { $0.0 == "cover_until" })?.1 { until = "tot en met \(d)" }
                nrText = covered ? "gedekt, \(until)" : "geen dekking"
                lines.append(Line(label: "No-riskpolis", value: nrText, basis: nr.legalBasis))
            }
            let money = (lkv?.amount ?? .zero) + (liv?.amount ?? .zero)
            lkvSeries.append(money.rawValue)
            lksSeries.append((lks?.amount ?? .zero).rawValue)
            var effect: [Line] = []
            if let e = outcome.effect, e.year == y.year {
                let src = "Wfsv art. 38f-38h; Kamerbrief vereenvoudiging banenafspraak (2019)"
                effect = [
                    Line(label: "Quotumtekort (banen)", value: "\(DutchNumber.format(Quotumtekort.format(e.without.shortfallTenths))) → \(DutchNumber.format(Quotumtekort.format(e.with.shortfallTenths)))", basis: "Besluit Wfsv art. 2.23 lid 3"),
                    Line(label: "Quotumheffing (wet 2015)", value: Self.signed(e.levy), basis: src),
                    Line(label: "Inclusiviteitsopslag", value: Self.signed(e.surcharge), basis: src),
                    Line(label: "LKV in de vereenvoudigde regeling", value: Self.signed(e.lkv), basis: src),
                    Line(label: "Bonus", value: Self.signed(e.bonus), basis: src),
                    Line(label: "Nettoresultaat", value: Self.signed(e.net), basis: src),
                ]
            }
            years.append(Year(year: String(y.year), months: String(y.months.count), hours: DutchNumber.hours(y.hours), wage: DutchNumber.euro(y.wage),
                              lkv: lkvText, liv: livText, lks: lksText, noRisk: nrText,
                              received: DutchNumber.euro(money + (lks?.amount ?? .zero)), lines: lines, effect: effect, hasEffect: !effect.isEmpty))
        }
        self.years = years
        deadlines = plan.deadlines.map { Deadline(date: $0.date.description, what: $0.what, source: $0.source) }
        horizon = plan.horizonNote
        chartYears = plan.years.map { String($0.year) }
        chartLKV = lkvSeries
        chartLKS = lksSeries
    }

    /// Plain Dutch text, for `hire --format text`.
    public var text: String {
        var s = heading + "\n"
        for y in years {
            s += "\n\(y.year) (\(y.months) maanden, \(y.hours), loon \(y.wage))\n"
            if y.lines.isEmpty { s += "  Geen instrument van toepassing.\n" }
            for l in y.lines { s += "  \(l.label): \(l.value)  [\(l.basis)]\n" }
            s += "  U ontvangt in \(y.year): \(y.received)\n"
            if y.hasEffect {
                s += "  Effect op uw eigen cijfers (met minus zonder deze aanname):\n"
                for l in y.effect { s += "    \(l.label): \(l.value)\n" }
            }
        }
        if let horizon { s += "\n\(horizon)\n" }
        s += "\nTermijnen\n"
        for d in deadlines { s += "  \(d.date)  \(d.what)  [\(d.source)]\n" }
        return s
    }
}
