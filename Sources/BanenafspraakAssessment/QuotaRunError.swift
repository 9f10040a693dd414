/// A run that cannot produce figures: a parameter problem or a missing override (exit status 1).
public struct QuotaRunError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
