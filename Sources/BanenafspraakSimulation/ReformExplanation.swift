import BanenafspraakAssessment
import BanenafspraakCore

/// Why one employer's figures change under a reform (`explain … --reform FILE`): which parameter moved
/// (old → new, with sources), which rule reads it, which per-line rule changed, which national figures moved,
/// and which of the employer's figures changed by how much. Persons appear only in the explanations below it,
/// by pseudonym.
public struct ReformExplanation: Sendable {
    public struct MovedParameter: Sendable, Equatable {
        public var id: String
        public var old: ResolvedParameter?
        public var new: ResolvedParameter?
        public var sourceMissing: Bool
        public var readers: [RuleCatalogue.Reader]
        public var moved: Bool { old?.value.value != new?.value.value || (old == nil) != (new == nil) }
    }
    public struct ChangedFigure: Sendable, Equatable {
        public var figure: String
        public var old: String
        public var new: String
        /// The change in cents, hours or tenths of a job, written as the figure is; `nil` for `liable`.
        public var change: String?
    }

    public var employerId: String
    public var reformName: String
    public var year: Int
    public var parameters: [MovedParameter]
    public var perLineChanges: [String]
    /// Quotum percentages and the surcharge rate: (name, old, new) where they differ.
    public var national: [(String, String, String)]
    public var figures: [ChangedFigure]
    public var difference: Cents
    public var scheme: ResultScheme
    public var baselineScheme: ResultScheme

    /// Builds the explanation from a finished comparison.
    public static func build(_ outcome: ReformOutcome, simulator: Simulator, employer id: String) -> ReformExplanation? {
        guard let row = outcome.rows.first(where: { $0.employerId == id }) else { return nil }
        let year = simulator.baseline.year
        let january = LocalDate(year: year, month: 1, day: 1)!
        let reformSet = simulator.parameterSet(of: outcome.reform)
        let params = outcome.reform.parameterOrder.map { pid in
            MovedParameter(id: pid, old: try? simulator.baseline.parameters.resolve(pid, on: january),
                           new: try? reformSet.resolve(pid, on: january),
                           sourceMissing: (try? reformSet.resolve(pid, on: january))?.value.source == Reform.missingSource,
                           readers: RuleCatalogue.readers(of: pid))
        }
        var national: [(String, String, String)] = []
        for key in Quotum.allCases {
            let a = outcome.baseline.percentages.percent[key]!, b = outcome.result.percentages.percent[key]!
            if a != b { national.append(("quotumpercentage \(key)", a.description, b.description)) }
        }
        if outcome.baseline.parameters.usesCombinedQuotum != outcome.result.parameters.usesCombinedQuotum {
            let sector = row.sector
            national.append(("quotum van deze werkgever", outcome.baseline.parameters.quotum(for: sector).rawValue, outcome.result.parameters.quotum(for: sector).rawValue))
        }
        if outcome.baseline.surchargeRate != outcome.result.surchargeRate {
            national.append(("opslagpercentage", outcome.baseline.surchargeRate.description, outcome.result.surchargeRate.description))
        }
        var figures: [ChangedFigure] = []
        let columns: [EmployerFigures.Column] = [.liable, .hoursTotal, .hoursA, .hoursC, .premiumBase] + SimulationOutputs.pairedFigures.filter { $0 != .liable }
        for column in columns {
            let a = column.text(in: row.baseline), b = column.text(in: row.reform)
            guard a != b else { continue }
            var change: String?
            if column.kind != .flag {
                let d = column.units(in: row.reform) - column.units(in: row.baseline)
                change = (d >= 0 ? "+" : "") + FixedPoint.format(d, scale: column.kind == .jobTenths ? 1 : 2)
            }
            figures.append(ChangedFigure(figure: column.rawValue, old: a, new: b, change: change))
        }
        return ReformExplanation(employerId: id, reformName: outcome.reform.name, year: year, parameters: params,
                                 perLineChanges: outcome.perLineChanges, national: national, figures: figures, difference: row.difference,
                                 scheme: outcome.reform.options.scheme, baselineScheme: outcome.reform.options.effectiveBaselineScheme)
    }

    /// Readable Dutch text.
    public var text: String {
        var s = "Waarom werkgever \(employerId) verandert onder de hervorming «\(reformName)» (jaar \(year))\n\n"
        s += "Parameters die de hervorming zet:\n"
        if parameters.isEmpty { s += "  (geen)\n" }
        for p in parameters {
            let old = p.old.map { "\($0.formatted) (bron: \($0.value.source))" } ?? "geen waarde"
            let new = p.new.map { "\($0.formatted) (bron: \(p.sourceMissing ? "bron ontbreekt" : $0.value.source))" } ?? "geen waarde"
            s += "  - \(p.id): \(old) -> \(new)\(p.moved ? "" : " (zelfde waarde: beweegt niet)")\n"
            for r in p.readers {
                s += "      gelezen door de regel \(r.rule) (\(r.source))" + (r.figures.isEmpty ? "" : "; raakt \(r.figures.joined(separator: ", "))") + "\n"
            }
            if p.readers.isEmpty { s += "      geen regel van de quotumberekening leest deze parameter\n" }
        }
        if !perLineChanges.isEmpty {
            s += "\nRegels per loonregel (de loonaangifte is opnieuw gelezen):\n"
            for c in perLineChanges { s += "  - \(c)\n" }
        }
        if !national.isEmpty {
            s += "\nLandelijke grootheden die bewegen:\n"
            for (n, a, b) in national { s += "  - \(n): \(a) -> \(b)\n" }
        }
        s += "\nBedragen van deze werkgever die veranderen:\n"
        if figures.isEmpty { s += "  (geen: deze werkgever merkt niets van de hervorming)\n" }
        for f in figures { s += "  - \(f.figure): \(f.old) -> \(f.new)" + (f.change.map { " (\($0))" } ?? "") + "\n" }
        s += "\nVerschil (wat de werkgever ontvangt; basis onder de \(baselineScheme.dutchName), hervorming onder de \(scheme.dutchName)): \(difference)\n"
        return s
    }

    public var json: JSONValue {
        func side(_ r: ResolvedParameter?, missing: Bool) -> JSONValue {
            guard let r else { return .null }
            return .object([("value", .string(r.formatted)), ("source", missing ? .null : .string(r.value.source)),
                            ("status", .string(r.value.status.rawValue)), ("source_missing", .bool(missing))])
        }
        return .object([
            ("employer_id", .string(employerId)), ("reform", .string(reformName)), ("year", .integer(Int64(year))),
            ("parameters", .array(parameters.map { p in
                .object([("id", .string(p.id)), ("old", side(p.old, missing: false)), ("new", side(p.new, missing: p.sourceMissing)),
                         ("moved", .bool(p.moved)),
                         ("rules", .array(p.readers.map { .object([("rule", .string($0.rule)), ("source", .string($0.source)),
                                                                   ("figures", .array($0.figures.map { .string($0) }))]) }))])
            })),
            ("per_line_changes", .array(perLineChanges.map { .string($0) })),
            ("national", .array(national.map { .object([("figure", .string($0.0)), ("old", .string($0.1)), ("new", .string($0.2))]) })),
            ("figures", .array(figures.map { .object([("figure", .string($0.figure)), ("old", .string($0.old)), ("new", .string($0.new)),
                                                      ("change", $0.change.map { .string($0) } ?? .null)]) })),
            ("difference", .string(difference.description)),
            ("scheme", .string(scheme.rawValue)), ("baseline_scheme", .string(baselineScheme.rawValue)),
        ])
    }
}
