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
}

/// Whether a value is law or only proposed (spec section 3).
public enum ParameterStatus: String, Sendable {
    case enacted
    case proposal
    /// A value the spec asks to be checked against the official regeling and that was not.
    case unverified
}

/// One dated value of a parameter, with its legal source (spec section 3).
public struct ParameterValue: Sendable, Equatable {
    /// Fixed-point units at the parameter's scale; `nil` means "no limit" (for caps).
    public var value: Int64?
    public var validFrom: LocalDate
    /// Inclusive; `nil` means open-ended.
    public var validUntil: LocalDate?
    /// Statute article or seed, plus the Kamerstuk.
    public var source: String
    public var status: ParameterStatus

    public init(value: Int64?, validFrom: LocalDate, validUntil: LocalDate?, source: String, status: ParameterStatus) {
        self.value = value
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.source = source
        self.status = status
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

    public init(id: String, unit: ParameterUnit, description: String, values: [ParameterValue]) {
        self.id = id
        self.unit = unit
        self.description = description
        self.values = values.sorted { $0.validFrom < $1.validFrom }
    }
}

/// A parameter value picked for a date: what a rule used, and why, for its explanation.
public struct ResolvedParameter: Sendable, Equatable {
    public var id: String
    public var unit: ParameterUnit
    public var description: String
    public var value: ParameterValue

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
}
