import BanenafspraakCore

/// Typed access to the `input` object of a case, with field paths for errors (calculator cases: docs/contracts-internal.md).
///
/// Every read marks the key as known; ``finish()`` then rejects any key no read asked for, so an
/// unknown field is always an error. Amounts and hours are decimal strings with 0–2 decimals
/// (units: docs/readings.md); percentages are decimal strings; counts and ages are JSON integers.
public struct CaseInput {
    public let path: String
    private let pairs: [(String, CaseValue)]
    private var known: Set<String> = []

    public init(_ value: CaseValue, path: String) throws(CaseError) {
        guard case .object(let pairs) = value else {
            throw CaseError(field: path.isEmpty ? "case" : path, message: "expected an object, found \(value.typeName)")
        }
        self.path = path
        self.pairs = pairs
    }

    /// `path.key`; an empty key is shown as `""`, so an error always names a field.
    public func fieldPath(_ key: String) -> String {
        let shown = key.isEmpty ? "\"\"" : key
        return path.isEmpty ? shown : path + "." + shown
    }

    /// The keys present, in order.
    public var keys: [String] { pairs.map(\.0) }

    public func has(_ key: String) -> Bool { pairs.contains { $0.0 == key } }

    public mutating func raw(_ key: String, required: Bool) throws(CaseError) -> CaseValue? {
        known.insert(key)
        guard let v = pairs.first(where: { $0.0 == key })?.1 else {
            if required { throw CaseError(field: fieldPath(key), message: "required field is missing") }
            return nil
        }
        if case .null = v {
            if required { throw CaseError(field: fieldPath(key), message: "required field is null") }
            return nil
        }
        return v
    }

    private func decimalText(_ key: String, _ v: CaseValue, what: String) throws(CaseError) -> String {
        guard case .string(let s) = v else {
            throw CaseError(field: fieldPath(key), message: "expected \(what) as a string such as \"12.50\", found \(v.typeName)")
        }
        return s
    }

    /// The largest amount a case may give: € 1,000,000,000.00, in cents.
    public static let maximumAmount: Int64 = 100_000_000_000
    /// The largest number of hours a case may give: 1,000,000.00, in centi-hours.
    public static let maximumHours: Int64 = 100_000_000
    /// The largest count a case may give when the field states no bound of its own.
    public static let maximumCount: Int64 = 1_000_000_000

    /// A non-negative decimal with 0–2 decimals, in hundredths, at most `maximum`.
    ///
    /// The bounds keep every product and sum of user values inside `Int64` (products go through `Int128`),
    /// so arithmetic on a case never overflows: a value past its bound is an error naming the field.
    private mutating func hundredths(_ key: String, required: Bool, what: String, maximum: Int64) throws(CaseError) -> Int64? {
        guard let v = try raw(key, required: required) else { return nil }
        let s = try decimalText(key, v, what: what)
        guard let n = FixedPoint.parse(s, scale: 2, allowSign: false) else {
            throw CaseError(field: fieldPath(key), message: "\"\(s)\" is not a non-negative decimal with at most 2 decimals")
        }
        guard n <= maximum else {
            throw CaseError(field: fieldPath(key), message: "\"\(s)\" is larger than the maximum \(FixedPoint.format(maximum, scale: 2))")
        }
        return n
    }

    public mutating func money(_ key: String) throws(CaseError) -> Cents { Cents(try hundredths(key, required: true, what: "an amount", maximum: CaseInput.maximumAmount)!) }
    public mutating func optionalMoney(_ key: String) throws(CaseError) -> Cents? { try hundredths(key, required: false, what: "an amount", maximum: CaseInput.maximumAmount).map { Cents($0) } }
    public mutating func hours(_ key: String) throws(CaseError) -> CentiHours { CentiHours(try hundredths(key, required: true, what: "hours", maximum: CaseInput.maximumHours)!) }
    public mutating func optionalHours(_ key: String) throws(CaseError) -> CentiHours? { try hundredths(key, required: false, what: "hours", maximum: CaseInput.maximumHours).map { CentiHours($0) } }

    /// A percentage 0–100 with at most 2 decimals.
    public mutating func percent(_ key: String) throws(CaseError) -> BasisPoints { try optionalPercent(key, required: true)! }
    public mutating func optionalPercent(_ key: String, required: Bool = false) throws(CaseError) -> BasisPoints? {
        guard let n = try hundredths(key, required: required, what: "a percentage", maximum: CaseInput.maximumAmount) else { return nil }
        guard n <= 10_000 else { throw CaseError(field: fieldPath(key), message: "a percentage must lie between 0 and 100") }
        return BasisPoints(n)
    }

    public mutating func bool(_ key: String) throws(CaseError) -> Bool { try optionalBool(key, required: true)! }
    public mutating func optionalBool(_ key: String, required: Bool = false) throws(CaseError) -> Bool? {
        guard let v = try raw(key, required: required) else { return nil }
        guard case .bool(let b) = v else { throw CaseError(field: fieldPath(key), message: "expected true or false, found \(v.typeName)") }
        return b
    }

    /// A non-negative whole number (JSON integer).
    public mutating func count(_ key: String, max: Int64 = CaseInput.maximumCount) throws(CaseError) -> Int64 { try optionalCount(key, required: true, max: max)! }
    public mutating func optionalCount(_ key: String, required: Bool = false, max: Int64 = CaseInput.maximumCount) throws(CaseError) -> Int64? {
        guard let v = try raw(key, required: required) else { return nil }
        guard case .integer(let i) = v, i >= 0 else {
            throw CaseError(field: fieldPath(key), message: "expected a non-negative whole number, found \(v.typeName == "number" ? "a number that is not one" : v.typeName)")
        }
        guard i <= max else { throw CaseError(field: fieldPath(key), message: "must be at most \(max)") }
        return i
    }

    public mutating func date(_ key: String) throws(CaseError) -> LocalDate { try optionalDate(key, required: true)! }
    public mutating func optionalDate(_ key: String, required: Bool = false) throws(CaseError) -> LocalDate? {
        guard let v = try raw(key, required: required) else { return nil }
        guard case .string(let s) = v, let d = LocalDate(s) else {
            throw CaseError(field: fieldPath(key), message: "expected a date YYYY-MM-DD")
        }
        guard CaseInput.dateRange.contains(d) else {
            throw CaseError(field: fieldPath(key), message: "must be a date from \(CaseInput.dateRange.lowerBound) to \(CaseInput.dateRange.upperBound)")
        }
        return d
    }

    /// Every date in a case (a start of employment, a birth date, a first sick day) lies in this range: wide
    /// enough for any real person or employment, narrow enough that adding a statutory term of years to it stays
    /// far inside the calendar.
    public static let dateRange = LocalDate(year: 1900, month: 1, day: 1)!...LocalDate(year: 2100, month: 12, day: 31)!

    /// One of a fixed set of words.
    public mutating func choice<T: RawRepresentable>(_ key: String, as type: T.Type) throws(CaseError) -> T where T.RawValue == String, T: CaseIterable {
        try optionalChoice(key, as: type, required: true)!
    }
    public mutating func optionalChoice<T: RawRepresentable>(_ key: String, as type: T.Type, required: Bool = false) throws(CaseError) -> T? where T.RawValue == String, T: CaseIterable {
        guard let v = try raw(key, required: required) else { return nil }
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .string(let s) = v, let t = T(rawValue: s) else {
            throw CaseError(field: fieldPath(key), message: "expected one of: \(allowed)")
        }
        return t
    }

    /// A nested object, as its own ``CaseInput`` (call ``finish()`` on it too).
    public mutating func object(_ key: String, required: Bool = true) throws(CaseError) -> CaseInput? {
        guard let v = try raw(key, required: required) else { return nil }
        return try CaseInput(v, path: fieldPath(key))
    }

    /// An array of values.
    public mutating func array(_ key: String, required: Bool = true) throws(CaseError) -> [CaseValue]? {
        guard let v = try raw(key, required: required) else { return nil }
        guard case .array(let a) = v else { throw CaseError(field: fieldPath(key), message: "expected an array, found \(v.typeName)") }
        return a
    }

    /// Marks every key as known (for objects whose keys are data, such as `hours_by_month`).
    public mutating func acceptAllKeys() { for (k, _) in pairs { known.insert(k) } }

    /// Rejects the first key that no rule asked for.
    public func finish() throws(CaseError) {
        for (k, _) in pairs where !known.contains(k) {
            throw CaseError(field: fieldPath(k), message: "unknown field")
        }
    }

    /// Hours per month `{"YYYY-MM": "h.hh"}`: keys are checked as months, values as hours (0–744 per month).
    public mutating func hoursByMonth(_ key: String) throws(CaseError) -> [(YearMonth, CentiHours)] {
        guard var obj = try object(key) else { return [] }
        obj.acceptAllKeys()
        var out: [(YearMonth, CentiHours)] = []
        for (k, _) in obj.pairs {
            guard let m = YearMonth(k) else { throw CaseError(field: obj.fieldPath(k), message: "\"\(k)\" is not a month YYYY-MM") }
            let h = try obj.hours(k)
            guard h.rawValue <= 74_400 else { throw CaseError(field: obj.fieldPath(k), message: "hours in a month lie between 0 and 744") }
            out.append((m, h))
        }
        return out.sorted { $0.0 < $1.0 }
    }
}
