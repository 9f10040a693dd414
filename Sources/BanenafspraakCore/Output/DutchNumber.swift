/// Dutch notation for readers (`€ 1.234,56`, `1.326,00 uur`, `2,10%`): a dot groups thousands and a comma
/// separates the decimals. Only for text meant to be read; the CSV and JSON outputs keep the contract notation
/// with a dot (`1234.56`). Pure string work on the exact fixed-point values, no floating point.
public enum DutchNumber {
    /// `1234567.89` → `1.234.567,89`; `-0.50` → `-0,50`; `42` → `42`. Anything that is not a plain decimal
    /// (`[-]digits[.digits]`) is returned unchanged.
    public static func format(_ contract: String) -> String {
        var body = Substring(contract)
        var negative = false
        if body.hasPrefix("-") { negative = true; body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            return contract
        }
        if parts.count == 2 && parts[1].isEmpty { return contract }
        let digits = Array(parts[0])
        var grouped = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(".") }
            grouped.append(d)
        }
        return (negative ? "-" : "") + grouped + (parts.count == 2 ? "," + parts[1] : "")
    }

    public static func format(units: Int64, scale: Int) -> String { format(FixedPoint.format(units, scale: scale)) }

    /// `€ 1.234,56` (a minus sign before the euro sign: `-€ 5,00`).
    public static func euro(_ c: Cents) -> String {
        c.rawValue < 0 ? "-€ " + format(units: -c.rawValue, scale: 2) : "€ " + format(units: c.rawValue, scale: 2)
    }

    /// A decimal string in contract notation (`"1234.56"`) → `€ 1.234,56`; other text is returned as is.
    public static func euro(decimal text: String) -> String {
        guard let cents = FixedPoint.parse(text, scale: 2) else { return text }
        return euro(Cents(cents))
    }

    /// `1.326,00 uur`.
    public static func hours(_ h: CentiHours) -> String { format(h.description) + " uur" }

    /// `2,10%`.
    public static func percent(_ p: BasisPoints) -> String { format(p.description) + "%" }

    /// `0,893%`.
    public static func surcharge(_ p: MilliPercent) -> String { format(p.description) + "%" }

    /// A whole number with thousands grouped: `1.023.533`.
    public static func count<T: BinaryInteger>(_ n: T) -> String { format(String(n)) }

    /// Rewrites every contract-notation number inside free text into Dutch notation: `1331000.00 x 2.10%` →
    /// `1.331.000,00 x 2,10%`. Tokens glued to letters, dates (`2024-12`), ids (`E0000042`, `P00001234`) and
    /// dotted names (`quota.hours_per_job`, `payroll.csv`) article and line numbers (`art. 2.13`, `regel 12345`) are left alone; bare integers are grouped only from
    /// five digits on, so years and line numbers stay as they are.
    public static func rewriteNumbers(in text: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        while i < chars.count {
            let c = chars[i]
            let startsNumber = c.isASCII && c.isNumber && (i == 0 || !(isWordChar(chars[i - 1]) || chars[i - 1] == "." || chars[i - 1] == "-" && i >= 2 && isWordChar(chars[i - 2])))
            guard startsNumber else { out.append(c); i += 1; continue }
            var j = i
            while j < chars.count && chars[j].isASCII && chars[j].isNumber { j += 1 }
            var k = j
            if k + 1 < chars.count && chars[k] == "." && chars[k + 1].isASCII && chars[k + 1].isNumber {
                k += 1
                while k < chars.count && chars[k].isASCII && chars[k].isNumber { k += 1 }
            }
            // Glued to a following letter, dot-name or date: not a number to rewrite.
            if k < chars.count && (chars[k].isLetter || chars[k] == "_" || chars[k] == "-" && k + 1 < chars.count && chars[k + 1].isNumber
                                   || chars[k] == "." && k + 1 < chars.count && chars[k + 1].isLetter) {
                out.append(contentsOf: chars[i..<k]); i = k; continue
            }
            let token = String(chars[i..<k])
            // Article and line numbers (`art. 2.13`, `regel 12345`) are names, not amounts.
            let isArticle = out.hasSuffix("art. ") || out.hasSuffix("artikel ") || out.hasSuffix("art.") || out.hasSuffix("regel ")
            if !isArticle && (k > j || j - i >= 5) { out += format(token) } else { out += token }
            i = k
        }
        return out
    }
}

extension DutchNumber {
    /// What a person typed (`1.234,5`, `1234.50`, `€ 12`, `36,5`) → the API's decimal text (`1234.50`),
    /// or nil. With a comma, the comma is the decimal separator and dots group thousands; without one,
    /// a dot is the decimal separator (as in the API) unless it groups digits by three. Spaces and a euro sign are ignored.
    public static func parseTyped(_ typed: String, decimals: Int = 2) -> String? {
        var s = ""
        for c in typed where c != " " && c != "\u{00A0}" && c != "€" { s.append(c) }
        if s.isEmpty { return nil }
        if s.contains(",") {
            let pieces = s.split(separator: ",", omittingEmptySubsequences: false)
            guard pieces.count == 2 else { return nil }
            let whole = pieces[0].split(separator: ".", omittingEmptySubsequences: false)
            if whole.count > 1 {
                // Thousands groups must be exactly three digits.
                guard whole.dropFirst().allSatisfy({ $0.count == 3 }), !whole[0].isEmpty else { return nil }
            }
            s = whole.joined() + (pieces[1].isEmpty ? "" : "." + pieces[1])
        } else {
            // Without a comma, dots that group digits by three (`100.000`, `1.234.567`) are thousands
            // separators, as a Dutch reader writes them; otherwise a dot is the decimal separator.
            let groups = s.split(separator: ".", omittingEmptySubsequences: false)
            if groups.count > 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) {
                s = groups.joined()
            }
        }
        guard let units = FixedPoint.parse(s, scale: decimals, allowSign: false) else { return nil }
        return FixedPoint.format(units, scale: decimals)
    }
}
