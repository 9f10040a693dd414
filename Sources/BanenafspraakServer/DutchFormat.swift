import BanenafspraakCore

/// Numbers as a Dutch reader writes them: `€ 1.234,56`, `1.331,00 uur`, and inputs with a decimal comma.
public enum DutchFormat {
    /// `123456` cents → `€ 1.234,56`; negative amounts as `€ -1.234,56`.
    public static func euro(cents: Int64) -> String { "€ " + number(cents, scale: 2) }

    /// A decimal string from the API (`"1234.56"`) → `€ 1.234,56`; other text is returned as is.
    public static func euro(decimal text: String) -> String {
        guard let cents = FixedPoint.parse(text, scale: 2) else { return text }
        return euro(cents: cents)
    }

    /// A fixed-point value with thousands dots and a decimal comma: `133100` at scale 2 → `1.331,00`.
    public static func number(_ units: Int64, scale: Int) -> String {
        let plain = FixedPoint.format(units, scale: scale)
        var sign = ""
        var body = Substring(plain)
        if body.hasPrefix("-") { sign = "-"; body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1)
        let whole = Array(parts[0])
        var grouped = ""
        for (i, c) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(".") }
            grouped.append(c)
        }
        return sign + grouped + (parts.count > 1 ? "," + parts[1] : "")
    }

    /// A decimal string (`"1331.00"`, `"0.5"`) → `1.331,00`, `0,5`; other text is returned as is.
    public static func decimal(_ text: String) -> String {
        let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
        guard let units = FixedPoint.parse(text, scale: decimals) else { return text }
        return number(units, scale: decimals)
    }

    /// What a person typed (`1.234,5`, `1234.50`, `€ 12`, `36,5`) → the API's decimal text (`1234.50`),
    /// or nil. With a comma, the comma is the decimal separator and dots group thousands; without one,
    /// a dot is the decimal separator (as in the API) unless it groups digits by three. Spaces and a euro sign are ignored.
    public static func parseInput(_ typed: String, decimals: Int = 2) -> String? {
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

extension String {
    /// The text with only its first letter in lower case (`Uren … (C)` → `uren … (C)`).
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
