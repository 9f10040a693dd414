/// A percentage with 2 decimals, held as hundredths of a percent (basis points): 2.76 % is 276.
///
/// The quotum percentage (Wfsv 38f lid 1), parameter percentages and collaboration shares use it.
public struct BasisPoints: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int64
    @inlinable public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public static let zero = BasisPoints(0)
    /// Parses `2.76` or `100`; at most 2 decimals.
    public init?(_ text: some StringProtocol) {
        guard let v = FixedPoint.parse(text, scale: 2) else { return nil }
        self.rawValue = v
    }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    /// `2.76`
    public var description: String { FixedPoint.format(rawValue, scale: 2) }
}

/// A percentage with 3 decimals, held as thousandths of a percent: 0.412 % is 412.
///
/// Used for the surcharge rate (inclusiviteitsopslag, Kamerbrief vereenvoudiging banenafspraak (2019)), which the spec rounds to 3 decimals.
public struct MilliPercent: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int64
    @inlinable public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public static let zero = MilliPercent(0)
    /// Parses `0.412`; at most 3 decimals.
    public init?(_ text: some StringProtocol) {
        guard let v = FixedPoint.parse(text, scale: 3) else { return nil }
        self.rawValue = v
    }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    /// `0.412`
    public var description: String { FixedPoint.format(rawValue, scale: 3) }
}
