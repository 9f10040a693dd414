/// Money as an exact integer number of eurocents (units: docs/readings.md).
public struct Cents: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int64
    @inlinable public init(_ rawValue: Int64) { self.rawValue = rawValue }
    /// Whole euros, e.g. `Cents(euros: 5000)` is €5,000.00.
    @inlinable public init(euros: Int64) { self.rawValue = euros * 100 }
    public static let zero = Cents(0)
    /// Parses `5000.00`, `1.01` or `5000`; at most 2 decimals.
    public init?(_ text: some StringProtocol) {
        guard let v = FixedPoint.parse(text, scale: 2) else { return nil }
        self.rawValue = v
    }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    @inlinable public static func + (a: Self, b: Self) -> Self { Self(a.rawValue + b.rawValue) }
    @inlinable public static func - (a: Self, b: Self) -> Self { Self(a.rawValue - b.rawValue) }
    @inlinable public static func += (a: inout Self, b: Self) { a.rawValue += b.rawValue }
    @inlinable public static func -= (a: inout Self, b: Self) { a.rawValue -= b.rawValue }
    @inlinable public static prefix func - (a: Self) -> Self { Self(-a.rawValue) }
    /// `5000.00`
    public var description: String { FixedPoint.format(rawValue, scale: 2) }
}
