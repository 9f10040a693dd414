/// Hours as an exact integer number of hundredths of an hour (units: docs/readings.md): 25.5 h is 2550.
public struct CentiHours: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int64
    @inlinable public init(_ rawValue: Int64) { self.rawValue = rawValue }
    /// Whole hours, e.g. `CentiHours(hours: 1331)` is 1331.00 h.
    @inlinable public init(hours: Int64) { self.rawValue = hours * 100 }
    public static let zero = CentiHours(0)
    /// Parses `1326.00`, `25.5` or `40575`; at most 2 decimals.
    public init?(_ text: some StringProtocol) {
        guard let v = FixedPoint.parse(text, scale: 2) else { return nil }
        self.rawValue = v
    }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    @inlinable public static func + (a: Self, b: Self) -> Self { Self(a.rawValue + b.rawValue) }
    @inlinable public static func - (a: Self, b: Self) -> Self { Self(a.rawValue - b.rawValue) }
    @inlinable public static func += (a: inout Self, b: Self) { a.rawValue += b.rawValue }
    /// `1326.00`
    public var description: String { FixedPoint.format(rawValue, scale: 2) }
}
