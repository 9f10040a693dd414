import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest

/// A simulation that cannot run: a parameter problem, a missing percentage, or a per-line reform with no
/// payroll to reread (exit status 1).
public struct SimulationError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What the baseline of a simulation is: the aggregates of one year, the effective parameters and flags that
/// apply to baseline and reform alike, and (when the payroll is at hand) a way to reread it.
public struct SimulationBaseline: Sendable {
    /// Rereads the payroll with another register regime and parameter set (the payroll pipeline's, given by the CLI).
    public typealias Rescan = @Sendable (RegisterRegime, ParameterSet) throws -> QuotaAggregates

    /// How a stored run saw its inputs, for a reread with its own flags: the year, the overrides and the as-of date
    /// and stage (spec section 13).
    public struct StoredRunInputs: Sendable {
        public var year: Int
        public var quotaPercentOverrides: [Quotum: BasisPoints]
        public var surchargeOverride: MilliPercent?
        public var calendar: RunCalendar
    }

    public var aggregates: QuotaAggregates
    /// The effective parameter set of the baseline (the repository's, with `--params`).
    public var parameters: ParameterSet
    /// `--quota-percent` (keys `markt`, `overheid`, `total`), for baseline and reform.
    public var quotaPercentOverrides: [Quotum: BasisPoints]
    /// `--surcharge-percent`, for baseline and reform.
    public var surchargeOverride: MilliPercent?
    /// Rereads the payroll with another register regime and parameter set; `nil` when only aggregates exist
    /// (a stored run without its files, the server).
    public var rescan: (@Sendable (RegisterRegime, ParameterSet) throws -> QuotaAggregates)?
    /// The receipt's account of the inputs: file hashes, or the stored run and its receipt.
    public var inputs: JSONValue

    public init(aggregates: QuotaAggregates, parameters: ParameterSet, quotaPercentOverrides: [Quotum: BasisPoints] = [:],
                surchargeOverride: MilliPercent? = nil, rescan: (@Sendable (RegisterRegime, ParameterSet) throws -> QuotaAggregates)? = nil,
                inputs: JSONValue = .object([])) {
        self.aggregates = aggregates
        self.parameters = parameters
        self.quotaPercentOverrides = quotaPercentOverrides
        self.surchargeOverride = surchargeOverride
        self.rescan = rescan
        self.inputs = inputs
    }

    public var year: Int { aggregates.year }
}

/// Size class of an employer (policy simulation: docs/contracts-internal.md): below the threshold (not liable on hours), or by jobs of 1331 h in
/// `hours_total`.
public enum SizeClass: String, Sendable, CaseIterable {
    case belowThreshold = "below_threshold"
    case upTo100Jobs = "up_to_100_jobs"
    case upTo1000Jobs = "up_to_1000_jobs"
    case above1000Jobs = "above_1000_jobs"

    public static func of(_ f: EmployerFigures, hoursPerJob: CentiHours) -> SizeClass {
        guard f.liable else { return .belowThreshold }
        if f.hoursTotal.rawValue <= 100 * hoursPerJob.rawValue { return .upTo100Jobs }
        if f.hoursTotal.rawValue <= 1000 * hoursPerJob.rawValue { return .upTo1000Jobs }
        return .above1000Jobs
    }

    public var dutchName: String {
        switch self {
        case .belowThreshold: return "onder de drempel"
        case .upTo100Jobs: return "tot 100 banen"
        case .upTo1000Jobs: return "100 tot 1.000 banen"
        case .above1000Jobs: return "meer dan 1.000 banen"
        }
    }
}

/// One employer in a comparison: baseline and reform figures and the difference (policy simulation: docs/contracts-internal.md).
public struct SimulationRow: Sendable, Equatable {
    public var employerId: String
    public var sector: Sector
    /// Arbeidsmarktregio 1–35.
    public var region: UInt8
    public var sizeClass: SizeClass
    public var baseline: EmployerFigures
    public var reform: EmployerFigures
    /// The change in what the employer receives under the scheme that counts.
    public var difference: Cents

    public var regionCode: String { Arbeidsmarktregio.code(region) }
}

/// Totals over the employer rows (policy simulation: docs/contracts-internal.md, `summary.json`).
public struct SimulationTotals: Sendable, Equatable {
    public var levy = Cents.zero
    public var surcharge = Cents.zero
    public var lkv = Cents.zero
    public var bonus = Cents.zero
    public var transfers = Cents.zero
    public var transfersIn = Cents.zero
    public var net = Cents.zero
    public var liable = 0
    public var withShortfall = 0

    public init() {}
    public init(_ figures: some Sequence<EmployerFigures>) {
        for f in figures { add(f) }
    }

    public mutating func add(_ f: EmployerFigures) {
        levy += f.levy
        surcharge += f.surcharge
        lkv += f.lkv
        bonus += f.bonus
        transfers += f.transfersOut
        transfersIn += f.transfersIn
        net += f.net
        if f.liable { liable += 1; if f.shortfallTenths > 0 { withShortfall += 1 } }
    }

    /// Revenue of the scheme: the levy (law of 2015) or the surcharge (simplified scheme).
    public func revenue(_ scheme: ResultScheme) -> Cents { scheme == .law2015 ? levy : surcharge }
    /// Payouts of the simplified scheme: LKV and bonus (none under the law of 2015's levy alone).
    public func payouts(_ scheme: ResultScheme) -> Cents { scheme == .law2015 ? .zero : lkv + bonus }
    /// What employers receive in total under the scheme.
    public func received(_ scheme: ResultScheme) -> Cents { scheme == .law2015 ? -levy : net }
}

/// Counts of employers that gain, lose or stay equal (by `difference`, on exact cents).
public struct GainLoss: Sendable, Equatable {
    public var gain = 0
    public var lose = 0
    public var equal = 0
    public init() {}
    public mutating func add(_ d: Cents) {
        if d.rawValue > 0 { gain += 1 } else if d.rawValue < 0 { lose += 1 } else { equal += 1 }
    }
}

/// One step of the per-parameter split: the change that one parameter (or the per-line rules, or the switch of
/// the scheme that counts) adds on top of the steps before it.
public struct SplitStep: Sendable, Equatable {
    public var label: String
    public var parameters: [String]
    /// Change of the total difference in this step.
    public var difference: Cents
    /// Change of each reform total in this step.
    public var totals: SimulationTotals
    /// Employers whose figures this step changed.
    public var employersChanged: Int
}

/// A warning about a reform (policy simulation: docs/contracts-internal.md): it changes no employer, or sets a parameter no rule reads that year.
public struct SimulationWarning: Sendable, Equatable {
    /// The raw value is the `code` in `summary.json`.
    public enum Code: String, Sendable {
        case parameterNotRead = "parameter_not_read"
        case noChange = "no_change"
    }

    public var code: Code
    public var message: String
    public var dutch: String
}

/// The outcome of one reform against the baseline.
public struct ReformOutcome: Sendable {
    public var reform: Reform
    public var baseline: QuotaResult
    public var result: QuotaResult
    /// Sorted by `employer_id` (byte order).
    public var rows: [SimulationRow]
    public var baselineTotals: SimulationTotals
    public var reformTotals: SimulationTotals
    public var totalDifference: Cents
    /// The per-line rules the reform changes (register regime, premium-base cap); empty when it ran on aggregates.
    public var perLineChanges: [String]
    public var split: [SplitStep]
    public var warnings: [SimulationWarning]

    public var rescanned: Bool { !perLineChanges.isEmpty }
}

/// Runs reforms against one baseline (policy simulation: docs/contracts-internal.md). The baseline is assessed once; a reform that changes no per-line
/// rule is assessed on the same aggregates without reading the payroll; one that does is reread once.
public struct Simulator: Sendable {
    public let baseline: SimulationBaseline
    public let baselineParameters: QuotaParameters
    public let baselineResult: QuotaResult

    public init(_ baseline: SimulationBaseline) throws {
        self.baseline = baseline
        do { baselineParameters = try QuotaParameters(year: baseline.year, from: baseline.parameters) } catch {
            throw SimulationError("the baseline cannot run year \(baseline.year): \(error)")
        }
        baselineResult = try QuotaAssessment.assess(baseline.aggregates, parameters: baselineParameters,
                                                    quotaPercentOverrides: baseline.quotaPercentOverrides,
                                                    surchargeOverride: baseline.surchargeOverride)
    }

    /// The effective parameter set of a reform: the baseline's with the reform's values laid over it.
    public func parameterSet(of reform: Reform) -> ParameterSet { baseline.parameters.overriding(with: reform.parameters) }

    /// The quota parameters of a reform for the baseline's year.
    public func parameters(of reform: Reform) throws -> QuotaParameters {
        do { return try QuotaParameters(year: baseline.year, from: parameterSet(of: reform)) } catch {
            throw SimulationError("reform \"\(reform.name)\" cannot run year \(baseline.year): \(error)")
        }
    }

    /// The per-line rules a reform changes, one line each; empty when it can run on the aggregates.
    public func perLineChanges(_ reform: Reform) throws -> [String] {
        var changes: [String] = []
        if let regime = reform.options.regimeRegister, regime != baseline.aggregates.regime {
            changes.append("register regime \(baseline.aggregates.regime.rawValue) -> \(regime.rawValue): who counts as arbeidsbeperkt is decided per payroll line (Wfsv art. 38g lid 8)")
        }
        let reformLaw = try parameters(of: reform).wetBanenafspraakInForce
        if reformLaw != baselineParameters.wetBanenafspraakInForce {
            changes.append("register.wet_banenafspraak \(baselineParameters.wetBanenafspraakInForce ? 1 : 0) -> \(reformLaw ? 1 : 0): whether the Wajong without arbeidsvermogen counts is decided per payroll line (Wet banenafspraak art. 2 lid 1 onder c)")
        }
        let reformCap = try parameters(of: reform).premiumBaseMonthlyCap
        if reformCap != baselineParameters.premiumBaseMonthlyCap {
            changes.append("premium-base cap \(baselineParameters.premiumBaseMonthlyCap) -> \(reformCap) per monthly line: the premium base is capped per payroll line (WBA art. 6)")
        }
        return changes
    }

    /// Assesses aggregates with a parameter set and the baseline's flags.
    func assess(_ aggregates: QuotaAggregates, _ params: QuotaParameters,
                quotaPercentOverrides: [Quotum: BasisPoints]? = nil, surchargeOverride: MilliPercent?? = nil) throws -> QuotaResult {
        try QuotaAssessment.assess(aggregates, parameters: params,
                                   quotaPercentOverrides: quotaPercentOverrides ?? baseline.quotaPercentOverrides,
                                   surchargeOverride: surchargeOverride ?? baseline.surchargeOverride)
    }

    /// The aggregates a reform is assessed on: the baseline's, or a reread when it changes a per-line rule.
    public func aggregates(for reform: Reform) throws -> QuotaAggregates {
        let changes = try perLineChanges(reform)
        guard !changes.isEmpty else { return baseline.aggregates }
        guard let rescan = baseline.rescan else {
            throw SimulationError("reform \"\(reform.name)\" changes a per-line rule (\(changes.joined(separator: "; "))); the payroll must be read again, and these aggregates come without it (give --in DIR)")
        }
        return try rescan(reform.options.regimeRegister ?? baseline.aggregates.regime, parameterSet(of: reform))
    }

    /// Runs one reform against the baseline: figures, rows, totals, the per-parameter split and warnings.
    public func run(_ reform: Reform, split: Bool = true) throws -> ReformOutcome {
        let params = try parameters(of: reform)
        let changes = try perLineChanges(reform)
        let reformAggregates = try aggregates(for: reform)
        let result = try assess(reformAggregates, params)
        var outcome = compare(reform: reform, result: result, perLineChanges: changes)
        if split { outcome.split = try self.split(reform, final: result, perLineChanges: changes) }
        outcome.warnings = warnings(outcome)
        return outcome
    }

    /// Builds the rows and totals of a reform result against the baseline.
    public func compare(reform: Reform, result: QuotaResult, perLineChanges: [String] = []) -> ReformOutcome {
        let base = baselineResult
        let scheme = reform.options.scheme
        let baseScheme = reform.options.effectiveBaselineScheme
        // Reform employers by id (a reread indexes the same employers file, but the mapping does not rely on it).
        var reformIndex: [String: Int] = [:]
        reformIndex.reserveCapacity(result.figures.count)
        let reformIds = result.aggregates?.employerIds ?? (0..<result.figures.count).map { result.employers.ids.string(Int32($0)) }
        for (i, id) in reformIds.enumerated() { reformIndex[id] = i }
        let ids = base.aggregates?.employerIds ?? (0..<base.figures.count).map { base.employers.ids.string(Int32($0)) }
        let order = (0..<ids.count).sorted { ids[$0].utf8.lexicographicallyPrecedes(ids[$1].utf8) }
        var rows: [SimulationRow] = []
        rows.reserveCapacity(ids.count)
        var baseTotals = SimulationTotals(), reformTotals = SimulationTotals()
        var total = Cents.zero
        for e in order {
            let b = base.figures[e]
            let r = reformIndex[ids[e]].map { result.figures[$0] } ?? EmployerFigures()
            let d = scheme.received(r) - baseScheme.received(b)
            rows.append(SimulationRow(employerId: ids[e], sector: base.employers.sector[e], region: base.employers.region[e],
                                      sizeClass: .of(b, hoursPerJob: baselineParameters.hoursPerJob.hours),
                                      baseline: b, reform: r, difference: d))
            baseTotals.add(b)
            reformTotals.add(r)
            total += d
        }
        return ReformOutcome(reform: reform, baseline: base, result: result, rows: rows, baselineTotals: baseTotals,
                             reformTotals: reformTotals, totalDifference: total, perLineChanges: perLineChanges, split: [], warnings: [])
    }

    /// The per-parameter split (policy simulation: docs/contracts-internal.md): first the switch of the scheme that counts (when the reform compares
    /// two schemes), then each parameter in the order of the reform file, cumulatively on the aggregates, then the
    /// per-line rules (one reread) as the last step. The steps add up to the total difference exactly.
    func split(_ reform: Reform, final: QuotaResult, perLineChanges: [String]) throws -> [SplitStep] {
        let scheme = reform.options.scheme
        let baseScheme = reform.options.effectiveBaselineScheme
        var steps: [SplitStep] = []
        var previous = baselineResult
        if scheme != baseScheme {
            let before = SimulationTotals(previous.figures).received(baseScheme)
            let after = SimulationTotals(previous.figures).received(scheme)
            steps.append(SplitStep(label: "scheme \(baseScheme.rawValue) -> \(scheme.rawValue)", parameters: [], difference: after - before,
                                   totals: SimulationTotals(), employersChanged: 0))
        }
        func step(_ label: String, _ ids: [String], _ next: QuotaResult) {
            let a = SimulationTotals(previous.figures), b = SimulationTotals(next.figures)
            var delta = SimulationTotals()
            delta.levy = b.levy - a.levy; delta.surcharge = b.surcharge - a.surcharge; delta.lkv = b.lkv - a.lkv
            delta.bonus = b.bonus - a.bonus; delta.transfers = b.transfers - a.transfers; delta.transfersIn = b.transfersIn - a.transfersIn
            delta.net = b.net - a.net; delta.liable = b.liable - a.liable; delta.withShortfall = b.withShortfall - a.withShortfall
            var changed = 0
            if next.figures.count == previous.figures.count {
                for i in 0..<next.figures.count where next.figures[i] != previous.figures[i] { changed += 1 }
            } else { changed = next.figures.count }
            steps.append(SplitStep(label: label, parameters: ids, difference: b.received(scheme) - a.received(scheme), totals: delta,
                                   employersChanged: changed))
            previous = next
        }
        let perLineIds: Set<String> = perLineChanges.contains { $0.hasPrefix("premium-base cap") } ? ["premium.max_premieloon"] : []
        var applied: [String] = []
        let aggregateIds = reform.parameterOrder.filter { !perLineIds.contains($0) }
        for id in aggregateIds {
            applied.append(id)
            // The last step of a reform without per-line changes is the reform itself: no second assessment.
            if applied.count == aggregateIds.count && perLineChanges.isEmpty { step(id, [id], final); continue }
            let set = baseline.parameters.overriding(with: reform.parameters(only: Set(applied)))
            let params: QuotaParameters
            do { params = try QuotaParameters(year: baseline.year, from: set) } catch { throw SimulationError("split at \(id): \(error)") }
            step(id, [id], try assess(baseline.aggregates, params))
        }
        if !perLineChanges.isEmpty {
            let label = "per-line rules (payroll read again): " + perLineChanges.map { String($0.prefix { $0 != ":" }) }.joined(separator: "; ")
            step(label, Array(perLineIds) + (reform.options.regimeRegister != nil ? ["options.regime_register"] : []), final)
        }
        return steps
    }

    /// Warnings (policy simulation: docs/contracts-internal.md): a reform that changes no employer, and parameters that no rule reads that year.
    func warnings(_ outcome: ReformOutcome) -> [SimulationWarning] {
        var warnings: [SimulationWarning] = []
        for id in outcome.reform.parameterOrder {
            if let why = RuleCatalogue.notReadReason(id: id, reform: outcome.reform, year: baseline.year,
                                                     quotaPercentOverrides: baseline.quotaPercentOverrides,
                                                     surchargeOverride: baseline.surchargeOverride, baseParameters: baseline.parameters) {
                warnings.append(SimulationWarning(code: .parameterNotRead, message: "\(id): \(why)",
                                                  dutch: "Parameter \(id) wordt in \(baseline.year) door geen regel gelezen: \(why)."))
            }
        }
        if outcome.rows.allSatisfy({ $0.difference == .zero && $0.baseline == $0.reform }) {
            warnings.append(SimulationWarning(code: .noChange, message: "the reform changes no employer's figures",
                                              dutch: "De hervorming verandert voor geen enkele werkgever een bedrag."))
        }
        return warnings
    }
}
