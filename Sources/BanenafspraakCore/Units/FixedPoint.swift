/// Exact fixed-point helpers shared by every unit (units: docs/readings.md).
///
/// "floor" rounds toward minus infinity and "round" rounds half away from zero.
/// Intermediate products go through `Int128`, so no legal figure ever overflows
/// or touches floating point.
public enum FixedPoint {
    /// `floor(numerator / denominator)`, toward minus infinity. `denominator` must be positive.
    @inlinable
    public static func floorDivide(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        precondition(denominator > 0, "division by a non-positive denominator")
        let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
        return r < 0 ? q - 1 : q
    }

    /// `round(numerator / denominator)`, half away from zero. `denominator` must be positive.
    @inlinable
    public static func roundDivide(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        precondition(denominator > 0, "division by a non-positive denominator")
        let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
        let twice = r.magnitude * 2
        if twice >= denominator.magnitude {
            return numerator < 0 ? q - 1 : q + 1
        }
        return q
    }

    /// Narrows an `Int128` result back to `Int64`, trapping (rather than wrapping) on overflow.
    @inlinable
    public static func narrow(_ value: Int128) -> Int64 {
        guard let v = Int64(exactly: value) else { preconditionFailure("fixed-point result \(value) exceeds Int64") }
        return v
    }

    /// Formats `units / 10^scale` with exactly `scale` decimals and a dot, e.g. `-62235.70`.
    public static func format(_ units: Int64, scale: Int) -> String {
        let negative = units < 0
        var magnitude = units.magnitude
        // Digits from the right into a small buffer (one String per call: outputs format millions of amounts).
        let capacity = max(scale, 0) + 22
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var i = capacity
            if scale > 0 {
                for _ in 0..<scale {
                    i -= 1
                    buffer[i] = UInt8(48 + magnitude % 10)
                    magnitude /= 10
                }
                i -= 1
                buffer[i] = UInt8(ascii: ".")
            }
            repeat {
                i -= 1
                buffer[i] = UInt8(48 + magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if negative {
                i -= 1
                buffer[i] = UInt8(ascii: "-")
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[i..<capacity]), as: UTF8.self)
        }
    }

    /// Parses a decimal string `[-][0-9]+(\.[0-9]{1,maxScale})?` into units of `10^-scale`.
    ///
    /// This is the reading of docs/readings.md item 3: `12.`, `.5`, `+5`, `1e2` and `1,5` are malformed;
    /// leading zeros are fine; `-0` and `-0.00` are zero. The sign is only accepted when `allowSign`.
    public static func parse(_ text: some StringProtocol, scale: Int, allowSign: Bool = true) -> Int64? {
        parse(bytes: Array(text.utf8), scale: scale, allowSign: allowSign)
    }

    /// Byte-level variant of ``parse(_:scale:allowSign:)`` for the ingest hot path.
    @inlinable
    public static func parse(bytes: some Collection<UInt8>, scale: Int, allowSign: Bool = true) -> Int64? {
        var negative = false
        var value: Int64 = 0
        var digitsBefore = 0
        var digitsAfter = 0
        var seenDot = false
        var first = true
        for b in bytes {
            defer { first = false }
            if first && b == UInt8(ascii: "-") && allowSign { negative = true; continue }
            if b == UInt8(ascii: ".") {
                if seenDot || digitsBefore == 0 { return nil }
                seenDot = true
                continue
            }
            guard b >= 48 && b <= 57 else { return nil }
            if seenDot {
                digitsAfter += 1
                if digitsAfter > scale { return nil }
            } else {
                digitsBefore += 1
            }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(b - 48))
            if o1 || o2 { return nil }
            value = s
        }
        if digitsBefore == 0 || (seenDot && digitsAfter == 0) { return nil }
        for _ in digitsAfter..<scale {
            let (m, o) = value.multipliedReportingOverflow(by: 10)
            if o { return nil }
            value = m
        }
        return negative ? -value : value
    }
}
