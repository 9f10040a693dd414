import BanenafspraakCore

/// A wetten.overheid.nl address in a value's source: `https://wetten.overheid.nl/BWBR0015703/2019-01-01#Artikel31`.
public struct LawCitation: Sendable, Equatable {
    public var bwb: String
    public var version: String
    public var article: String

    public init(bwb: String, version: String, article: String) {
        self.bwb = bwb
        self.version = version
        self.article = article
    }

    /// Every such address in `source`, in order.
    public static func all(in source: String) -> [LawCitation] {
        let marker = "https://wetten.overheid.nl/"
        var out: [LawCitation] = []
        var rest = Substring(source)
        while let r = rest.range(of: marker) {
            rest = rest[r.upperBound...]
            let token = rest.prefix { !$0.isWhitespace && $0 != ")" && $0 != ";" && $0 != "," && $0 != "'" }
            let parts = token.split(separator: "/", maxSplits: 1)
            guard parts.count == 2, let hash = parts[1].firstIndex(of: "#") else { continue }
            let version = String(parts[1][..<hash])
            var article = String(parts[1][hash...].dropFirst())
            guard article.hasPrefix("Artikel") else { continue }
            article = String(article.dropFirst("Artikel".count))
            while article.hasSuffix(".") { article.removeLast() }
            out.append(LawCitation(bwb: String(parts[0]), version: version, article: article))
        }
        return out
    }
}

/// How a parameter value was checked (`parameters --check`; docs/law.md).
public enum LawCheckOutcome: Sendable, Equatable {
    /// The amount, written the Dutch way, appears in the cited article of the version in force on `valid_from`.
    case foundInLaw(file: String, written: String)
    /// The value cites a bundled article, but its amount is not in the text of the version in force.
    case notFoundInLaw(file: String?, looked: [String])
    /// `verified` by a primary text that is not bundled (Staatscourant, Kamerstuk), or a value the text gives in
    /// words (a count, "none").
    case verifiedOtherwise
    /// `estimate`: not law.
    case estimate
    /// Any other status (unverified, proposal, reading, enacted).
    case notChecked
}

/// One value with its outcome.
public struct LawCheckRow: Sendable {
    public var parameter: String
    public var unit: ParameterUnit
    public var value: ParameterValue
    public var outcome: LawCheckOutcome

    public var period: String { "\(value.validFrom) t/m \(value.validUntil.map(\.description) ?? "open")" }
    public var formatted: String { value.value.map { FixedPoint.format($0, scale: unit.scale) } ?? "none" }
}

/// Reads the law to check the parameter values (issue: "a test that reads the law").
public enum LawCheck {
    /// Every value of `set`, sorted by parameter and date, with how it was checked.
    public static func rows(_ set: ParameterSet, law: LawTexts) -> [LawCheckRow] {
        var out: [LawCheckRow] = []
        for id in set.parameters.keys.sorted() {
            let p = set.parameters[id]!
            for v in p.values.sorted(by: { $0.validFrom < $1.validFrom }) {
                out.append(LawCheckRow(parameter: id, unit: p.unit, value: v, outcome: outcome(v, unit: p.unit, law: law)))
            }
        }
        return out
    }

    public static func outcome(_ v: ParameterValue, unit: ParameterUnit, law: LawTexts) -> LawCheckOutcome {
        let cited = LawCitation.all(in: v.source).compactMap { c in LawTexts.folderByBWB[c.bwb].map { (c, $0) } }
        if let amount = v.value, unit != .count, let (citation, folder) = cited.first {
            let forms = DutchAmount.forms(amount, unit: unit)
            guard let file = law.articleFile(law: folder, article: citation.article, inForceOn: v.validFrom),
                  let text = law.text(ofFile: file) else {
                return .notFoundInLaw(file: nil, looked: forms)
            }
            let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if let written = forms.first(where: { DutchAmount.contains(flat, $0) }) { return .foundInLaw(file: file, written: written) }
            return .notFoundInLaw(file: file, looked: forms)
        }
        switch v.status {
        case .verified: return .verifiedOtherwise
        case .estimate: return .estimate
        default: return .notChecked
        }
    }
}

/// An amount as Dutch law writes it: `€ 132,56`, `€ 6.000`, `23,5 procent`, `70%`, `36 uren`.
public enum DutchAmount {
    public static func forms(_ units: Int64, unit: ParameterUnit) -> [String] {
        let whole = units / 100, cents = units % 100
        let grouped = group(whole), plain = String(whole)
        let fraction = cents == 0 ? "" : "," + (cents % 10 == 0 ? String(cents / 10) : String(format2(cents)))
        switch unit {
        case .money:
            var f = ["€ \(grouped),\(format2(cents))", "€ \(plain),\(format2(cents))"]
            if cents == 0 { f += ["€ \(grouped)", "€ \(plain)"] }
            return unique(f)
        case .percent: return ["\(plain)\(fraction) procent", "\(plain)\(fraction)%"]
        case .hours: return unique(["\(plain)\(fraction) uren", "\(plain)\(fraction) uur", "\(grouped)\(fraction) uren", "\(grouped)\(fraction) uur"])
        case .count: return [plain]
        }
    }

    /// Whether `text` holds `form` as a whole amount (not the start of a longer number: `€ 5.000` is not in `€ 5.000.000`).
    public static func contains(_ text: String, _ form: String) -> Bool {
        var rest = Substring(text)
        while let r = rest.range(of: form) {
            let after = rest[r.upperBound...]
            let next = after.first, second = after.dropFirst().first
            let longer = next.map(\.isNumber) == true || ((next == "." || next == ",") && second.map(\.isNumber) == true)
            if !longer { return true }
            rest = after
        }
        return false
    }

    private static func format2(_ c: Int64) -> String { c < 10 ? "0\(c)" : String(c) }

    private static func group(_ n: Int64) -> String {
        var digits = Array(String(n)), out: [Character] = []
        var count = 0
        while let d = digits.popLast() {
            if count > 0 && count % 3 == 0 { out.append(".") }
            out.append(d)
            count += 1
        }
        return String(out.reversed())
    }

    private static func unique(_ a: [String]) -> [String] {
        var seen = Set<String>()
        return a.filter { seen.insert($0).inserted }
    }
}
