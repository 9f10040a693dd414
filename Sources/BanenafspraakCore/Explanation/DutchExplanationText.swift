/// Readable Dutch text of explanations (explanations: docs/contracts-internal.md), for a person rather than a program.
///
/// All formatting lives here, not in the ``Explanation`` data: amounts are written `€ 1.234,56`, hours
/// `1.326,00 uur`, every parameter is listed once (and referred to as `[P1]`), and the drill-down to persons is a
/// table rather than one block per person. The same data rendered as JSON keeps the contract notation.
public enum DutchExplanationText {
    /// A value as a reader sees it.
    public static func value(_ v: String, _ unit: ValueKind?) -> String {
        switch unit {
        case .euro:
            if let c = Cents(v) { return DutchNumber.euro(c) }
        case .hours:
            return DutchNumber.format(v) + " uur"
        case .jobs:
            return DutchNumber.format(v) + " banen"
        case .percent, .milliPercent:
            return DutchNumber.format(v) + "%"
        case .count:
            return DutchNumber.format(v)
        case nil:
            break
        }
        return text(v)
    }

    /// Free text with its numbers in Dutch notation (`EUR 5000.00` → `€ 5.000,00`) and its citations as a
    /// reader knows them (the parliamentary letters by reference, no internal section numbers).
    public static func text(_ s: String) -> String {
        var t = DutchNumber.rewriteNumbers(in: citations(s))
        t = t.replacingAll("EUR ", with: "€ ")
        return t
    }

    /// The five parliamentary letters by their official references (docs/sources.md), in the order of the internal
    /// numbers 0–4 that runs stored by versions before 2026-11-25 used for them in parameter sources.
    static let lettersByLegacyNumber = [
        "Kamerstuk 35 644, nr. 8",
        "Kamerstukken II 2022/23, 34 352, nr. 281",
        "Kamerstukken II 2018/19, 34 352, nr. 163",
        "Kamerstukken I 2016/17, 33 981, N",
        "Kamerbrief vereenvoudiging banenafspraak (2019)",
    ]

    /// Text meant for readers without the internal references of runs stored by earlier versions: a legacy letter
    /// label (the word `seed`, a space and the letter's three-digit internal number) becomes the letter's official
    /// reference, and section numbers of the project's own specification are dropped. Nothing this version writes
    /// holds either.
    public static func citations(_ s: String) -> String {
        var t = legacyLettersCited(s)
        // Drop a specification section number ("spec" and its digits) with the separator before it, and parentheses left empty.
        var chars = Array(t)
        var i = 0
        while i + 5 <= chars.count {
            guard String(chars[i..<i + 5]) == "spec " else { i += 1; continue }
            var j = i + 5
            if j + 7 <= chars.count && String(chars[j..<j + 7]) == "sectie " { j += 7 }
            let digitsStart = j
            while j < chars.count, chars[j].isNumber || chars[j] == "." || chars[j] == "–" || chars[j] == "-"
                    || (chars[j] == "," && j + 2 < chars.count && chars[j + 1] == " " && chars[j + 2].isNumber)
                    || (chars[j] == " " && j > 0 && chars[j - 1] == "," ) { j += 1 }
            guard j > digitsStart else { i += 1; continue }
            while j > digitsStart && (chars[j - 1] == "." || chars[j - 1] == " ") { j -= 1 }
            var start = i
            if start >= 2 && (String(chars[start - 2..<start]) == "; " || String(chars[start - 2..<start]) == ", ") { start -= 2 }
            else if j + 2 <= chars.count && (String(chars[j..<j + 2]) == "; " || String(chars[j..<j + 2]) == ", ") { j += 2 }
            chars.removeSubrange(start..<j)
            i = start
        }
        t = String(chars).replacingAll(" ()", with: "").replacingAll("()", with: "")
        return t
    }

    /// `s` with each legacy letter label replaced by the letter's reference from ``lettersByLegacyNumber``.
    static func legacyLettersCited(_ s: String) -> String {
        let prefix = Array("seed ")
        let chars = Array(s)
        var out: [Character] = []
        out.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            if i + prefix.count + 3 <= chars.count, Array(chars[i..<i + prefix.count]) == prefix {
                let digits = chars[i + prefix.count..<i + prefix.count + 3]
                if digits.allSatisfy(\.isASCII), let n = Int(String(digits)), lettersByLegacyNumber.indices.contains(n) {
                    out += Array(lettersByLegacyNumber[n])
                    i += prefix.count + 3
                    continue
                }
            }
            out.append(chars[i])
            i += 1
        }
        return String(out)
    }

    /// A parameter's value with its unit (`€ 5.000,00`, `1.331,00 uur`, `geen maximum`).
    public static func parameterValue(_ p: ResolvedParameter) -> String {
        guard let v = p.limit else { return "geen maximum" }
        switch p.unit {
        case .money: return DutchNumber.euro(Cents(v))
        case .hours: return DutchNumber.hours(CentiHours(v))
        case .percent: return DutchNumber.percent(BasisPoints(v))
        case .count: return DutchNumber.count(v)
        }
    }

    /// `1-1-2015`.
    public static func date(_ d: LocalDate) -> String { "\(d.day)-\(d.month)-\(d.year)" }

    /// The parameters of a set of trees, each once, in order of first use.
    public static func parameters(of trees: [Explanation]) -> [ResolvedParameter] {
        var seen = Set<String>(), list: [ResolvedParameter] = []
        func walk(_ e: Explanation) {
            for p in e.parameters where seen.insert(key(p)).inserted { list.append(p) }
            e.children.forEach(walk)
        }
        trees.forEach(walk)
        return list
    }

    static func key(_ p: ResolvedParameter) -> String { p.id + "@" + p.value.validFrom.description }

    /// The list of parameters, numbered `[P1]`…, each with value, validity and source.
    public static func parameterList(_ params: [ResolvedParameter]) -> [String] {
        params.enumerated().map { n, p in
            let until = p.value.validUntil.map { " t/m \(date($0))" } ?? ""
            let status = statusNote(p.value.status)
            return "  [P\(n + 1)] \(text(p.description)) = \(parameterValue(p)); geldig vanaf \(date(p.value.validFrom))\(until); bron: \(text(p.value.source))\(status)"
        }
    }

    /// The status after a parameter in the list: its Dutch label (docs/sources.md, "Status of a value"); a
    /// `verified` value says "geverifieerd", an estimate "schatting"; `enacted` (legacy) says nothing, as before.
    static func statusNote(_ status: ParameterStatus) -> String {
        switch status {
        case .enacted: return ""
        case .proposal: return " (status: voorstel)"
        default: return " (status: \(status.dutchLabel))"
        }
    }

    /// `round, 2 decimalen` → `half van nul af, 2 decimalen`; `floor` → `naar beneden`.
    public static func roundingText(_ r: String) -> String {
        var t = r
        for (english, dutch) in [("round half away from zero", "half van nul af"), ("round", "half van nul af"), ("floor", "naar beneden"), ("ceil", "naar boven")]
        where t.hasPrefix(english) {
            t = dutch + t.dropFirst(english.count)
            break
        }
        return t
    }

    /// Figures whose children are one explanation per person; the text shows those as a table.
    public static let personFigures: Set<String> = ["person_months", "lkv_person", "bonus_person"]

    /// One explanation tree as indented Dutch text. Parameters are referred to by their number in `params`;
    /// a figure already shown (by `figure` and value) is referred to instead of repeated; per-person children
    /// are summarised in one line (the table shows them).
    public static func tree(_ e: Explanation, depth: Int = 0, params: [ResolvedParameter], shown: inout Set<String>) -> [String] {
        let pad = String(repeating: "  ", count: depth)
        var lines = ["\(pad)\(text(e.label)): \(value(e.value, e.unit))"]
        let id = e.figure + "=" + e.value
        if e.figure != "person_months" && !shown.insert(id).inserted {
            lines[0] += " (zie hierboven)"
            return lines
        }
        lines.append("\(pad)  Regel: \(e.rule) (\(text(e.source)))")
        lines.append("\(pad)  Hoe: \(text(e.formula))")
        if !e.inputs.isEmpty {
            lines.append("\(pad)  Invoer: " + e.inputs.map { "\(text($0.name)) \(value($0.value, $0.unit))" }.joined(separator: "; "))
        }
        if !e.parameters.isEmpty {
            let refs = e.parameters.map { p in params.firstIndex { key($0) == key(p) }.map { "[P\($0 + 1)]" } ?? p.description }
            lines.append("\(pad)  Parameters: " + refs.joined(separator: ", "))
        }
        for (n, s) in e.steps.enumerated() {
            let rounding = s.rounding == "geen" ? "" : " (afronding: \(roundingText(s.rounding)))"
            lines.append("\(pad)  \(n + 1). \(text(s.description)) = \(value(s.value, s.unit))\(rounding)")
        }
        let persons = e.children.filter { personFigures.contains($0.figure) }
        if !persons.isEmpty {
            lines.append("\(pad)  Per persoon: \(persons.count) \(persons.count == 1 ? "persoon" : "personen"), zie de tabel Personen.")
        }
        for c in e.children where !personFigures.contains(c.figure) {
            lines += tree(c, depth: depth + 1, params: params, shown: &shown)
        }
        return lines
    }

    /// A calculator's explanation (`calc --format text`): the tree, then the parameters once.
    public static func calculator(_ e: Explanation) -> String {
        let params = parameters(of: [e])
        var shown = Set<String>()
        var lines = tree(e, depth: 1, params: params, shown: &shown)
        if !params.isEmpty {
            lines.append("")
            lines.append("Gebruikte parameters:")
            lines += parameterList(params)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Left- or right-aligned columns, the first `leftColumns` left-aligned.
    public static func table(_ header: [String], _ rows: [[String]], leftColumns: Int = 1) -> [String] {
        var width = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < width.count { width[i] = max(width[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let fill = String(repeating: " ", count: max(0, width[i] - c.count))
                return i < leftColumns ? c + fill : fill + c
            }.joined(separator: "  ")
        }
        return [line(header), line(width.map { String(repeating: "-", count: $0) })] + rows.map(line)
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation in the core).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = "", rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    fileprivate func range(of target: String) -> Range<Substring.Index>? {
        let t = Array(target)
        var i = startIndex
        while i < endIndex {
            var j = i, k = 0
            while k < t.count && j < endIndex && self[j] == t[k] { j = index(after: j); k += 1 }
            if k == t.count { return i..<j }
            i = index(after: i)
        }
        return nil
    }
}
