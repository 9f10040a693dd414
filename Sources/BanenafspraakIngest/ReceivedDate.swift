import BanenafspraakCore

/// The `received` column of `payroll.csv` and `register.csv` (spec section 13; Wfsv art. 38e lid 3): the date a
/// loonaangifte line, its correction or a registration was received, kept as the integer `YYYYMMDD` so that
/// dates compare as integers. A blank field (or no such column) is ``known``: known from the start, earlier than any date.
public enum ReceivedDate {
    /// Blank, or no `received` column: known from the start.
    public static let known: Int32 = 0
    /// No `--as-of`: every row counts.
    public static let noCutoff: Int32 = .max

    public static func key(_ date: LocalDate) -> Int32 { Int32(date.year * 10_000 + date.month * 100 + date.day) }

    /// The date of a key, `nil` for ``known``.
    public static func date(_ key: Int32) -> LocalDate? {
        key == known ? nil : LocalDate(year: Int(key / 10_000), month: Int(key / 100 % 100), day: Int(key % 100))
    }

    /// `YYYY-MM-DD`, or the empty string for ``known``.
    public static func text(_ key: Int32) -> String { date(key)?.description ?? "" }

    /// Parses exactly `YYYY-MM-DD` (a day that exists) into its key; `nil` for anything else.
    @inline(__always)
    public static func parse(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        guard n == 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
        let d0 = p[0] &- 48, d1 = p[1] &- 48, d2 = p[2] &- 48, d3 = p[3] &- 48
        let d5 = p[5] &- 48, d6 = p[6] &- 48, d8 = p[8] &- 48, d9 = p[9] &- 48
        guard d0 < 10, d1 < 10, d2 < 10, d3 < 10, d5 < 10, d6 < 10, d8 < 10, d9 < 10 else { return nil }
        let year = Int(d0) * 1000 + Int(d1) * 100 + Int(d2) * 10 + Int(d3)
        let month = Int(d5) * 10 + Int(d6), day = Int(d8) * 10 + Int(d9)
        guard year >= 1, month >= 1, month <= 12, day >= 1, day <= LocalDate.daysIn(year: year, month: month) else { return nil }
        return Int32(year * 10_000 + month * 100 + day)
    }

    public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let base = b.baseAddress else { return nil }
        return parse(base, b.count)
    }
}
