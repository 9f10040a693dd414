/// Text cells of files meant for a spreadsheet (`employers-nl.csv`, `rejected.csv`, the CSV downloads of a
/// simulation report), kept from being read as a formula ("CSV injection"): a cell that begins with `=`, `+`,
/// `-`, `@`, TAB or CR gets a leading `'`, which a spreadsheet shows as text and does not display. A plain
/// number (`-12.50`, `-12,50`) is left as it is.
public enum SpreadsheetCell {
    /// Whether a spreadsheet could take a cell beginning with `byte` for a formula.
    @inlinable
    public static func startsFormula(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == 9 || byte == 13
    }

    /// `-`, digits, and at most one `.` or `,` followed by digits.
    static func isPlainNumber(_ bytes: some Collection<UInt8>) -> Bool {
        var digits = 0, separators = 0, first = true, lastWasSeparator = false
        for b in bytes {
            defer { first = false }
            if first && b == UInt8(ascii: "-") { continue }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: ",") {
                separators += 1
                if separators > 1 || digits == 0 { return false }
                lastWasSeparator = true
                continue
            }
            guard b >= 48 && b <= 57 else { return false }
            digits += 1
            lastWasSeparator = false
        }
        return digits > 0 && !lastWasSeparator
    }

    /// The cell's bytes, with a leading `'` when it could be read as a formula.
    public static func neutralised(bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.first, startsFormula(first), !isPlainNumber(bytes) else { return bytes }
        return [UInt8(ascii: "'")] + bytes
    }

    /// The cell's text, with a leading `'` when it could be read as a formula.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.utf8.first, startsFormula(first), !isPlainNumber(text.utf8) else { return text }
        return "'" + text
    }

    /// One field of a CSV with `separator`: neutralised, then quoted (RFC 4180) when it holds the separator, a
    /// quote or a line break.
    public static func csvField(_ text: String, separator: Character = ",") -> String {
        let s = neutralised(text)
        guard s.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        var quoted = "\""
        for c in s { quoted.append(c); if c == "\"" { quoted.append("\"") } }
        return quoted + "\""
    }
}
