import BanenafspraakCore

/// Why a case cannot be computed (calculator cases: docs/contracts-internal.md): the field at fault, as a dotted path such as
/// `input.hours_by_month.2024-13`, and a message. The CLI prints it as `{"error": {...}}` and exits with 2.
public struct CaseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

extension CaseError {
    /// `{"error": {"field": ..., "message": ...}}`
    public var jsonValue: JSONValue {
        .object([("error", .object([("field", .string(field)), ("message", .string(message))]))])
    }
}
