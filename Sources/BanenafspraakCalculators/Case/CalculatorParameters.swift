import BanenafspraakCore

/// The parameter set seen from one case date: every lookup that fails becomes an error on the
/// field `date` that names the parameter (calculator cases: docs/contracts-internal.md: a date outside the parameters' validity).
public struct CalculatorParameters: Sendable {
    public let set: ParameterSet
    public let date: LocalDate

    public init(set: ParameterSet, date: LocalDate) {
        self.set = set
        self.date = date
    }

    /// The value of `id` on the case date.
    public func resolve(_ id: String) throws(CaseError) -> ResolvedParameter {
        try resolve(id, on: date)
    }

    /// The value of `id` on another date (e.g. 1 January of a year).
    public func resolve(_ id: String, on day: LocalDate) throws(CaseError) -> ResolvedParameter {
        do { return try set.resolve(id, on: day) } catch {
            switch error.reason {
            case .notValid:
                throw CaseError(field: "date", message: "\(day) lies outside the validity of the parameters: \(error.description)")
            default:
                throw CaseError(field: "date", message: error.description)
            }
        }
    }

    /// Whether `id` has a value on the case date.
    public func has(_ id: String) -> Bool { set.has(id, on: date) }
}
