import BanenafspraakCore

/// What a calculator returns: the result fields in contract order, and how they were made (explanations: docs/contracts-internal.md).
public struct CalculatorOutcome: Sendable {
    public var result: [(String, JSONValue)]
    public var explanation: Explanation

    public init(result: [(String, JSONValue)], explanation: Explanation) {
        self.result = result
        self.explanation = explanation
    }
}

/// Formatting of figures in results: amounts and hours with 2 decimals, percentages as strings (calculator cases: docs/contracts-internal.md).
enum Out {
    static func money(_ c: Cents) -> JSONValue { .string(c.description) }
    static func hours(_ h: CentiHours) -> JSONValue { .string(h.description) }
    static func percent(_ p: BasisPoints) -> JSONValue { .string(p.description) }
    static func date(_ d: LocalDate?) -> JSONValue { d.map { .string($0.description) } ?? .null }
    static func euro(_ c: Cents) -> String { "EUR " + c.description }
}
