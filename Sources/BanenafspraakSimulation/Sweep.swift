import BanenafspraakAssessment
import BanenafspraakCore

/// What a sweep or a break-even search varies: a parameter the rules read on the aggregates, the surcharge rate
/// (`surcharge_percent`, 3 decimals) or a quotum percentage (`quota_percent.markt|overheid|total`, 2 decimals).
public enum SweepTarget: Sendable, Equatable {
    case parameter(String, ParameterUnit)
    case surchargePercent
    case quotaPercent(Quotum)

    /// Reads the name of what to vary; per-line parameters cannot be swept on aggregates.
    public init(_ name: String, parameters: ParameterSet) throws {
        switch name {
        case "surcharge_percent": self = .surchargePercent
        case "quota_percent.markt", "quota_percent.overheid", "quota_percent.total":
            self = .quotaPercent(Quotum(rawValue: String(name.dropFirst("quota_percent.".count)))!)
        case "premium.max_premieloon":
            throw SimulationError("premium.max_premieloon is applied per payroll line; a sweep runs on the aggregates and cannot vary it")
        default:
            guard let p = parameters.parameters[name] else {
                throw SimulationError("unknown parameter \(name) (sweepable: a quota parameter id, surcharge_percent, quota_percent.markt, quota_percent.overheid, quota_percent.total)")
            }
            guard !RuleCatalogue.readers(of: name).isEmpty else { throw SimulationError("no rule of the quota run reads \(name)") }
            self = .parameter(name, p.unit)
        }
    }

    public var name: String {
        switch self {
        case .parameter(let id, _): return id
        case .surchargePercent: return "surcharge_percent"
        case .quotaPercent(let key): return "quota_percent.\(key)"
        }
    }

    /// Decimals of the written value.
    public var scale: Int {
        switch self {
        case .parameter(_, let unit): return unit.scale
        case .surchargePercent: return 3
        case .quotaPercent: return 2
        }
    }

    /// The largest value it may take: the unit's bound (``ParameterUnit/maximum``); 1,000.000 % for the surcharge rate
    /// and 1,000.00 % for a quotum percentage.
    public var maximum: Int64 {
        switch self {
        case .parameter(_, let unit): return unit.maximum
        case .surchargePercent: return 1_000_000
        case .quotaPercent: return ParameterUnit.percent.maximum
        }
    }

    public func parse(_ text: String) -> Int64? { FixedPoint.parse(text, scale: scale, allowSign: false) }
    public func format(_ units: Int64) -> String { FixedPoint.format(units, scale: scale) }
}

/// `FROM:TO:STEP` in the target's decimals.
public struct SweepGrid: Sendable, Equatable {
    public var from: Int64
    public var to: Int64
    public var step: Int64

    public init(_ text: String, target: SweepTarget) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let f = target.parse(parts[0]), let t = target.parse(parts[1]), let s = target.parse(parts[2]) else {
            throw SimulationError("sweep grid \"\(text)\" must be FROM:TO:STEP, each a decimal with at most \(target.scale) decimals")
        }
        guard s > 0, f <= t, f >= 0 else { throw SimulationError("sweep grid \"\(text)\": need 0 <= FROM <= TO and STEP > 0") }
        guard t <= target.maximum else {
            throw SimulationError("sweep grid \"\(text)\": \(target.name) goes up to at most \(target.format(target.maximum))")
        }
        guard (t - f) / s < 10_000 else { throw SimulationError("sweep grid \"\(text)\" has more than 10,000 points") }
        from = f; to = t; step = s
    }

    public var values: [Int64] { Array(stride(from: from, through: to, by: Int64.Stride(step))) }
}

/// One point of a sweep.
public struct SweepPoint: Sendable, Equatable {
    public var value: Int64
    public var totals: SimulationTotals
    public var difference: Cents
    public var employers: GainLoss
}

/// The value found by a break-even search, and its neighbour on the other side of the target.
public struct BreakEven: Sendable, Equatable {
    public var target: SweepTarget
    public var metric: String
    public var goal: Cents
    /// The first value (from `low` towards `high`) at which the metric reaches the goal.
    public var value: Int64
    public var metricAtValue: Cents
    /// The value one unit before, where the metric has not reached the goal yet (`nil` when `value` is the low end).
    public var previous: Int64?
    public var metricAtPrevious: Cents?
    public var evaluations: Int
}

extension Simulator {
    /// The reform with `target` set to `value` for the baseline's year (replacing the reform's own values of that
    /// parameter), with the flags it implies.
    func variant(_ reform: Reform, _ target: SweepTarget, _ value: Int64)
        -> (reform: Reform, quotaPercentOverrides: [Quotum: BasisPoints], surchargeOverride: MilliPercent?) {
        var r = reform
        var quota = baseline.quotaPercentOverrides
        var surcharge = baseline.surchargeOverride
        switch target {
        case .parameter(let id, let unit):
            let year = baseline.year
            let v = ParameterValue(value: value, validFrom: LocalDate(year: year, month: 1, day: 1)!,
                                   validUntil: LocalDate(year: year, month: 12, day: 31)!, source: "sweep", status: .proposal)
            let description = baseline.parameters.parameters[id]?.description ?? ""
            var set = r.parameters
            set.insert(Parameter(id: id, unit: unit, description: description, values: [v]))
            r.parameters = set
            if !r.parameterOrder.contains(id) { r.parameterOrder.append(id) }
        case .surchargePercent: surcharge = MilliPercent(value)
        case .quotaPercent(let key): quota[key] = BasisPoints(value)
        }
        return (r, quota, surcharge)
    }

    /// Assesses the reform with `target` at `value` on `aggregates` (no reread).
    func evaluate(_ reform: Reform, on aggregates: QuotaAggregates, _ target: SweepTarget, _ value: Int64) throws -> QuotaResult {
        let v = variant(reform, target, value)
        return try assess(aggregates, try parameters(of: v.reform), quotaPercentOverrides: v.quotaPercentOverrides,
                          surchargeOverride: .some(v.surchargeOverride))
    }

    /// Runs the reform over a grid of one target (policy simulation: docs/contracts-internal.md `--sweep`), on the aggregates: the reform's own per-line
    /// changes, if any, are read once, before the sweep.
    public func sweep(_ reform: Reform, target: SweepTarget, grid: SweepGrid) throws -> [SweepPoint] {
        let aggregates = try self.aggregates(for: reform)
        return try grid.values.map { value in
            let result = try evaluate(reform, on: aggregates, target, value)
            let outcome = compare(reform: reform, result: result)
            var gl = GainLoss()
            for row in outcome.rows { gl.add(row.difference) }
            return SweepPoint(value: value, totals: outcome.reformTotals, difference: outcome.totalDifference, employers: gl)
        }
    }

    /// A total of a reform result: `difference` (the total change in what employers receive; 0 means the reform
    /// costs the treasury nothing against the baseline), or `levy`, `surcharge`, `lkv`, `bonus`, `transfers`, `net`.
    public static let metrics = ["difference", "levy", "surcharge", "lkv", "bonus", "transfers", "net"]

    func metric(_ name: String, reform: Reform, result: QuotaResult) -> Cents {
        let t = SimulationTotals(result.figures)
        switch name {
        case "levy": return t.levy
        case "surcharge": return t.surcharge
        case "lkv": return t.lkv
        case "bonus": return t.bonus
        case "transfers": return t.transfers
        case "net": return t.net
        default:
            return t.received(reform.options.scheme) - SimulationTotals(baselineResult.figures).received(reform.options.effectiveBaselineScheme)
        }
    }

    /// Finds the value of `target` in `[low, high]` at which `metric` reaches `goal` (policy simulation: docs/contracts-internal.md `--solve`), by an
    /// exact bisection over the target's integer units (no floating point). The metric must move one way over the
    /// range: the search checks that the ends lie on either side of the goal, and reports the first value that
    /// reaches it together with the value one unit before.
    public func solve(_ reform: Reform, target: SweepTarget, low: Int64, high: Int64, metric name: String, goal: Cents) throws -> BreakEven {
        guard Self.metrics.contains(name) else { throw SimulationError("unknown total \(name); one of \(Self.metrics.joined(separator: ", "))") }
        guard low < high else { throw SimulationError("the search range must have LOW < HIGH") }
        let aggregates = try self.aggregates(for: reform)
        var evaluations = 0
        func f(_ x: Int64) throws -> Cents {
            evaluations += 1
            return metric(name, reform: reform, result: try evaluate(reform, on: aggregates, target, x))
        }
        let fLow = try f(low), fHigh = try f(high)
        let increasing = fHigh >= fLow
        func reached(_ v: Cents) -> Bool { increasing ? v >= goal : v <= goal }
        guard reached(fHigh) else {
            throw SimulationError("\(name) goes from \(fLow) at \(target.format(low)) to \(fHigh) at \(target.format(high)): it does not reach \(goal) in this range")
        }
        if reached(fLow) {
            // Both ends already past the goal: it is crossed nowhere in the range (only met exactly at the low end).
            guard fLow == goal else {
                throw SimulationError("\(name) is \(fLow) at \(target.format(low)) and \(fHigh) at \(target.format(high)): it is past \(goal) over the whole range and never crosses it; no solution in this range")
            }
            return BreakEven(target: target, metric: name, goal: goal, value: low, metricAtValue: fLow, previous: nil,
                             metricAtPrevious: nil, evaluations: evaluations)
        }
        // Invariant: not reached at lo, reached at hi.
        var lo = low, hi = high, fHi = fHigh, fLo = fLow
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            let v = try f(mid)
            if reached(v) { hi = mid; fHi = v } else { lo = mid; fLo = v }
        }
        return BreakEven(target: target, metric: name, goal: goal, value: hi, metricAtValue: fHi, previous: lo, metricAtPrevious: fLo,
                         evaluations: evaluations)
    }
}
