/// The kind of quantity a parameter holds; it fixes the scale of its fixed-point value.
public enum ParameterUnit: String, Sendable, CaseIterable {
    /// Centi-hours (2 decimals).
    case hours
    /// Eurocents (2 decimals).
    case money
    /// A percentage with 2 decimals (basis points).
    case percent
    /// A whole number (jobs, months, years, an age).
    case count

    /// Decimals in the written value.
    public var scale: Int {
        switch self {
        case .hours, .money, .percent: return 2
        case .count: return 0
        }
    }

    /// The largest value a parameter of this unit may hold, in fixed-point units: €1,000,000,000.00,
    /// 1,000,000,000.00 hours, 1,000.00 % or a count of 1,000,000,000 (the bounds of `calc`, with room for the
    /// national baseline hours). With these bounds no rule's `Int128` product can overflow; a figure that would
    /// still leave `Int64` on extreme data is an error naming the parameter (`QuotaAssessment`), never a trap.
    public var maximum: Int64 {
        switch self {
        case .money, .hours: return 100_000_000_000
        case .percent: return 100_000
        case .count: return 1_000_000_000
        }
    }

    /// Whether `units` lies within `-maximum...maximum`.
    public func isWithinBound(_ units: Int64) -> Bool { units >= -maximum && units <= maximum }

    /// The bound as written in a parameter file, e.g. `1000000000.00`.
    public var maximumText: String { FixedPoint.format(maximum, scale: scale) }
}

/// What kind of value a parameter value is, and whether its source was checked (docs/sources.md, "Status").
///
/// Only `verified` and `unverified` are law; a statistic, a practice figure or this project's own reading is
/// never law, and a proposal is not law until enacted.
public enum ParameterStatus: String, Sendable, CaseIterable {
    /// Law; the value and its dates were checked in a primary text, named in ``ParameterValue/verified``.
    case verified
    /// Law (or believed to be law); not checked in a primary text.
    case unverified
    /// Law, as recorded before the statuses above existed; counts as not checked (kept for older override files).
    case enacted
    /// A bill, or a plan in a Kamerbrief: not law.
    case proposal
    /// This project's own reading or choice where the law is silent (docs/readings.md): never law.
    case reading
    /// A statistic or one region's practice, taken from a letter or table: not law.
    case estimate

    /// Whether the value still has to be checked against a primary source.
    public var needsCheck: Bool { self == .unverified || self == .enacted }

    /// The status as shown to a user, in Dutch.
    public var dutchLabel: String {
        switch self {
        case .verified: return "geverifieerd"
        case .unverified, .enacted: return "niet geverifieerd"
        case .proposal: return "voorstel, geen wet"
        case .reading: return "lezing van dit project"
        case .estimate: return "schatting of praktijk, geen wet"
        }
    }
}

/// One dated value of a parameter, with its legal source (docs/sources.md).
public struct ParameterValue: Sendable, Equatable {
    /// Fixed-point units at the parameter's scale; `nil` means "no limit" (for caps).
    public var value: Int64?
    public var validFrom: LocalDate
    /// Inclusive; `nil` means open-ended.
    public var validUntil: LocalDate?
    /// The law by article, a Staatsblad/Staatscourant number or a Kamerstuk (docs/sources.md).
    public var source: String
    public var status: ParameterStatus
    /// For a `verified` value: where and when the source was checked (document and passage).
    public var verified: String?

    public init(value: Int64?, validFrom: LocalDate, validUntil: LocalDate?, source: String, status: ParameterStatus, verified: String? = nil) {
        self.value = value
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.source = source
        self.status = status
        self.verified = verified
    }

    public func isValid(on date: LocalDate) -> Bool {
        date >= validFrom && (validUntil.map { date <= $0 } ?? true)
    }
}

/// A named parameter with its dated values.
public struct Parameter: Sendable, Equatable {
    /// A dotted id such as `quota.hours_per_job`.
    public var id: String
    public var unit: ParameterUnit
    public var description: String
    /// Sorted by `validFrom`; validities never overlap (checked by ``ParameterSet/validate()``).
    /// After ``ParameterSet/overriding(with:)`` the override's values come first and win.
    public var values: [ParameterValue]
    /// The first day of the parameter's legal life, when it starts after ``ParameterSet/horizonStart``.
    public var inForceFrom: LocalDate?
    /// The last day of the parameter's legal life, when it ends before ``ParameterSet/horizonEnd``.
    public var inForceUntil: LocalDate?
    /// Values exist only on some dates by design (e.g. a published figure that overrides a computed one).
    public var sparse: Bool

    public init(id: String, unit: ParameterUnit, description: String, values: [ParameterValue],
                inForceFrom: LocalDate? = nil, inForceUntil: LocalDate? = nil, sparse: Bool = false) {
        self.id = id
        self.unit = unit
        self.description = description
        self.values = values.sorted { $0.validFrom < $1.validFrom }
        self.inForceFrom = inForceFrom
        self.inForceUntil = inForceUntil
        self.sparse = sparse
    }

    /// The days the values must cover without a gap: the legal life clipped to the horizon 2015–2026.
    public var requiredCoverage: (from: LocalDate, until: LocalDate) {
        (max(inForceFrom ?? ParameterSet.horizonStart, ParameterSet.horizonStart),
         min(inForceUntil ?? ParameterSet.horizonEnd, ParameterSet.horizonEnd))
    }
}

/// One finding of ``ParameterSet/coverageFindings()``.
public struct ParameterFinding: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable { case gap, overlap, unverified }
    public var kind: Kind
    public var parameter: String
    public var from: LocalDate
    public var until: LocalDate?
    public var detail: String

    public var description: String {
        let period = "\(from) t/m \(until.map(\.description) ?? "open")"
        return "\(kind.rawValue) \(parameter) \(period): \(detail)"
    }
}

/// A parameter value picked for a date: what a rule used, and why, for its explanation.
public struct ResolvedParameter: Sendable, Equatable {
    public var id: String
    public var unit: ParameterUnit
    public var description: String
    public var value: ParameterValue

    public init(id: String, unit: ParameterUnit, description: String, value: ParameterValue) {
        self.id = id
        self.unit = unit
        self.description = description
        self.value = value
    }

    /// The fixed-point value; traps when the value is "no limit" (use ``limit`` for caps).
    public var units: Int64 {
        guard let v = value.value else { preconditionFailure("parameter \(id) has no limit value") }
        return v
    }
    /// The value, or `nil` for "no limit".
    public var limit: Int64? { value.value }

    public var hours: CentiHours { precondition(unit == .hours); return CentiHours(units) }
    public var money: Cents { precondition(unit == .money); return Cents(units) }
    public var percent: BasisPoints { precondition(unit == .percent); return BasisPoints(units) }
    public var count: Int64 { precondition(unit == .count); return units }

    /// The value as written in the parameter files, e.g. `1331.00` or `none`.
    public var formatted: String {
        guard let v = value.value else { return "none" }
        return FixedPoint.format(v, scale: unit.scale)
    }
}

/// Why a parameter could not be given.
public struct ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case missing
        case notValid(on: LocalDate)
        case invalid(String)
    }
    public var parameter: String
    public var reason: Reason

    public init(parameter: String, reason: Reason) {
        self.parameter = parameter
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .missing: return "parameter \(parameter) is missing"
        case .notValid(let date): return "parameter \(parameter) has no value valid on \(date)"
        case .invalid(let why): return "parameter \(parameter) is invalid: \(why)"
        }
    }
}

/// The full, dated and sourced parameter set: the one source of truth for every rule.
public struct ParameterSet: Sendable, Equatable {
    public private(set) var parameters: [String: Parameter]

    /// The period every calculator must answer for (calculator cases: docs/contracts-internal.md: 2015–2026).
    public static let horizonStart = LocalDate(year: 2015, month: 1, day: 1)!
    public static let horizonEnd = LocalDate(year: 2026, month: 12, day: 31)!

    public init(_ parameters: [Parameter] = []) {
        self.parameters = [:]
        for p in parameters { self.parameters[p.id] = p }
    }

    /// Adds or replaces whole parameters (an override file replaces a parameter's value list
    /// for the periods it covers; see ``overriding(with:)``).
    public mutating func insert(_ parameter: Parameter) { parameters[parameter.id] = parameter }

    /// The value of `id` valid on `date`, or an error that names the parameter.
    public func resolve(_ id: String, on date: LocalDate) throws(ParameterError) -> ResolvedParameter {
        guard let p = parameters[id] else { throw ParameterError(parameter: id, reason: .missing) }
        guard let v = p.values.first(where: { $0.isValid(on: date) }) else {
            throw ParameterError(parameter: id, reason: .notValid(on: date))
        }
        return ResolvedParameter(id: id, unit: p.unit, description: p.description, value: v)
    }

    /// Whether `id` has a value on `date`.
    public func has(_ id: String, on date: LocalDate) -> Bool { (try? resolve(id, on: date)) != nil }

    /// Applies an override set: for each overridden parameter, its values take precedence over the base
    /// values on the dates they cover; base values outside those dates remain.
    public func overriding(with overrides: ParameterSet) -> ParameterSet {
        var result = self
        for (id, o) in overrides.parameters {
            guard var base = result.parameters[id] else { result.parameters[id] = o; continue }
            if base.unit != o.unit {
                // Keep the override's unit; validation reports the mismatch.
                result.parameters[id] = o
                continue
            }
            // `resolve` takes the first valid value, so the override's values go first.
            base.values = o.values + base.values
            result.parameters[id] = base
        }
        return result
    }

    /// Checks structural soundness: sources present, `valid_from <= valid_until`, no overlapping validities.
    /// Run it on the repository's files, before any override is applied.
    public func validate() throws(ParameterError) {
        for (id, p) in parameters {
            if p.values.isEmpty { throw ParameterError(parameter: id, reason: .invalid("no values")) }
            for v in p.values {
                if v.source.isEmpty { throw ParameterError(parameter: id, reason: .invalid("a value from \(v.validFrom) has no source")) }
                if let u = v.validUntil, u < v.validFrom {
                    throw ParameterError(parameter: id, reason: .invalid("valid_until \(u) is before valid_from \(v.validFrom)"))
                }
            }
            for (a, b) in zip(p.values, p.values.dropFirst()) {
                guard let until = a.validUntil, until < b.validFrom else {
                    throw ParameterError(parameter: id, reason: .invalid("values from \(a.validFrom) and \(b.validFrom) overlap"))
                }
            }
        }
    }

    /// Gaps inside each parameter's legal life (2015–2026 unless it declares a later start or earlier end),
    /// overlapping values, and values whose source was not checked. Sorted by parameter and date.
    public func coverageFindings() -> [ParameterFinding] {
        var out: [ParameterFinding] = []
        for id in parameters.keys.sorted() {
            let p = parameters[id]!
            let values = p.values.sorted { $0.validFrom < $1.validFrom }
            for (a, b) in zip(values, values.dropFirst()) {
                if let until = a.validUntil, until < b.validFrom { continue }
                out.append(ParameterFinding(kind: .overlap, parameter: id, from: b.validFrom, until: a.validUntil,
                                            detail: "values from \(a.validFrom) and \(b.validFrom) overlap"))
            }
            let (from, until) = p.requiredCoverage
            var cursor = p.sparse ? until.adding(days: 1) : from
            for v in values {
                if cursor > until { break }
                if v.validFrom > cursor {
                    let end = min(v.validFrom.adding(days: -1), until)
                    out.append(ParameterFinding(kind: .gap, parameter: id, from: cursor, until: end, detail: "no value in the legal life"))
                }
                guard let vu = v.validUntil else { cursor = until.adding(days: 1); break }
                if vu >= cursor { cursor = vu.adding(days: 1) }
            }
            if cursor <= until {
                out.append(ParameterFinding(kind: .gap, parameter: id, from: cursor, until: until, detail: "no value in the legal life"))
            }
            for v in values where v.status.needsCheck {
                out.append(ParameterFinding(kind: .unverified, parameter: id, from: v.validFrom, until: v.validUntil,
                                            detail: "\(v.value.map { FixedPoint.format($0, scale: p.unit.scale) } ?? "none"); \(v.source)"))
            }
        }
        return out
    }
}
