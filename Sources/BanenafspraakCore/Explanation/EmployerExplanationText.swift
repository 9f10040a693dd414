/// The Dutch text of one employer's explanation (`banenafspraak explain`, explanations: docs/contracts-internal.md), rendered from the two
/// explanation trees alone (levy under the law of 2015, net result under the simplified scheme), so that a
/// results store holding the same trees renders the same text.
///
/// Layout: a plain-language summary; the parameters used, each once; the two trees without the per-person
/// blocks; one table with a row per person (pseudonym only) and the hours per month that made the figures.
public enum EmployerExplanationText {
    public static func render(employerId: String, sector: String, year: Int, levy: Explanation, net: Explanation) -> String {
        var lines: [String] = []
        lines.append("Uitleg voor werkgever \(employerId) (\(sector)), jaar \(year)")
        lines.append("Personen worden alleen met hun pseudoniem getoond.")
        lines.append("")
        lines.append("Samenvatting")
        lines += summary(year: year, levy: levy, net: net, voice: .reader).map { "  " + $0 }
        let params = DutchExplanationText.parameters(of: [levy, net])
        lines.append("")
        lines.append("Gebruikte parameters (elk één keer; in de uitleg aangeduid als [P1], [P2], …)")
        lines += DutchExplanationText.parameterList(params)
        var shown = Set<String>()
        lines.append("")
        lines.append("Wet van 2015: quotumheffing")
        lines += DutchExplanationText.tree(levy, depth: 1, params: params, shown: &shown)
        lines.append("")
        lines.append("Vereenvoudigde regeling (Kamerbrief vereenvoudiging banenafspraak, 2019): netto resultaat")
        lines += DutchExplanationText.tree(net, depth: 1, params: params, shown: &shown)
        let persons = personTable(employerId: employerId, year: year, trees: [levy, net])
        if !persons.isEmpty {
            lines.append("")
            lines.append("Personen: uren per maand die meetellen (C, LKV en bonus)")
            lines.append("  Rol: e = eigen regel, u = uitgeleend aan een inlener, i = ingeleend van een uitlener; wsw = Wsw-regel.")
            lines += persons.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func find(_ figure: String, in e: Explanation) -> Explanation? {
        if e.figure == figure { return e }
        for c in e.children { if let f = find(figure, in: c) { return f } }
        return nil
    }

    static func v(_ e: Explanation?) -> String { e.map { DutchExplanationText.value($0.value, $0.unit) } ?? "–" }

    /// Who the summary speaks to: the employer itself ("u", on its page and in its letter) or a reader of another's
    /// figures ("deze werkgever", in `explain`).
    public enum Voice: Sendable {
        case employer, reader
    }

    /// The plain-language summary, the one text of an employer's figures for every output (the `explain` text, the
    /// employer's letter, the rekentool and the employer's page): liability, the law of 2015, the simplified scheme,
    /// and from 2026 the activation. Built from the two explanation trees alone, so it says what they say.
    public static func summary(year: Int, levy: Explanation, net: Explanation, voice: Voice) -> [String] {
        var lines: [String] = []
        let you = voice == .employer
        let liable = find("liable", in: levy)
        let total = liable?.inputs.first { $0.unit == .hours }
        let threshold = liable?.parameters.first
        let isLiable = liable?.value == "ja"
        let hoursText = total.map { DutchNumber.format($0.value) } ?? "–"
        let thresholdText = threshold.map(DutchExplanationText.parameterValue) ?? "de drempel"
        if you {
            let source = liable.map { " (\(DutchExplanationText.text($0.source)))" } ?? ""
            lines.append(isLiable
                ? "In \(year) had u \(hoursText) verloonde uren, niet minder dan de drempel van \(thresholdText): u bent quotumplichtig\(source)."
                : "In \(year) had u \(hoursText) verloonde uren; de drempel is \(thresholdText), in dit jaar en in het jaar ervoor: u bent niet quotumplichtig\(source) en betaalt geen quotumheffing en geen inclusiviteitsopslag.")
        } else {
            lines.append("In \(year) had deze werkgever \(hoursText) verloonde uren. Hij is daarmee \(isLiable ? "" : "niet ")quotumplichtig (drempel \(thresholdText)).")
        }
        let a = find("hours_a", in: levy), c = find("hours_c", in: levy), required = find("required_hours", in: levy)
        let percent = find("quota_percent", in: levy), shortfall = find("shortfall_jobs", in: levy)
        let levyText = v(levy)
        func n(_ e: Explanation?) -> String { e.map { DutchNumber.format($0.value) } ?? "–" }
        let noShortfall = shortfall?.value.hasPrefix("0.0") == true || shortfall?.value == "0.0"
        if you {
            lines.append("Wet van 2015: bij een quotumpercentage van \(v(percent)) moest u \(v(required)) werk bieden aan mensen uit de doelgroep; u had \(v(c)) (C).")
            if noShortfall {
                lines.append("U komt geen banen tekort, dus u betaalt geen quotumheffing (\(levyText)).")
            } else if isLiable {
                lines.append("U komt \(v(shortfall)) tekort; de quotumheffing is \(levyText) (\(DutchExplanationText.text(levy.source))).")
            } else {
                lines.append("U komt \(v(shortfall)) tekort, maar wie niet quotumplichtig is betaalt geen quotumheffing (\(levyText)).")
            }
        } else {
            lines.append("Wet van 2015: van de \(n(a)) eigen uren (A) had \(v(percent)) door mensen uit de doelgroep gewerkt moeten worden, \(v(required)). Dat waren er \(n(c)) (C).")
            if noShortfall {
                lines.append("Er is geen quotumtekort, dus geen quotumheffing (\(levyText)).")
            } else if isLiable {
                lines.append("Het quotumtekort is \(v(shortfall)); de quotumheffing is \(levyText).")
            } else {
                lines.append("Het quotumtekort is \(v(shortfall)), maar een werkgever die niet quotumplichtig is betaalt geen heffing (\(levyText)).")
            }
        }
        let lkv = find("lkv", in: net), bonus = find("bonus", in: net), surcharge = find("surcharge", in: net)
        let transfersIn = net.inputs.first { $0.name == "overdrachten in" }
        let transfersOut = net.inputs.first { $0.name == "overdrachten uit" }
        func input(_ i: Explanation.Input?) -> String { i.map { DutchExplanationText.value($0.value, $0.unit) } ?? "–" }
        if you {
            let netText = net.value.hasPrefix("-") ? "netto betaalt u \(DutchExplanationText.value(String(net.value.dropFirst()), net.unit))" : "netto ontvangt u \(v(net))"
            lines.append("Vereenvoudigde regeling: u ontvangt \(v(lkv)) loonkostenvoordeel en \(v(bonus)) bonus, draagt \(input(transfersOut)) over aan en ontvangt \(input(transfersIn)) van samenwerkingspartners, en betaalt \(v(surcharge)) inclusiviteitsopslag; \(netText).")
        } else {
            lines.append("Vereenvoudigde regeling: loonkostenvoordeel \(v(lkv)) en bonus \(v(bonus)), overdrachten \(input(transfersOut)) uit en \(input(transfersIn)) in, inclusiviteitsopslag \(v(surcharge)); netto \(v(net)).")
        }
        // From 2026 the levy step says whether it rests on an activation (Wet banenafspraak art. 5 lid 1, art. 6 lid 1).
        if let activation = levy.steps.first(where: { $0.description.hasPrefix("Activering (Wet banenafspraak") }) {
            lines.append("Let op, activering (Wet banenafspraak art. 5 lid 1 en art. 6 lid 1): \(activation.value).")
        }
        return lines
    }

    /// One row per person in the drill-downs: role, routes, the hours per month on the lines that count, and the
    /// person's C hours, LKV and bonus. Lines seen in several drill-downs are counted once.
    static func personTable(employerId: String, year: Int, trees: [Explanation]) -> [String] {
        struct Row { var routes = "", roles = Set<String>(), months = [Int64](repeating: 0, count: 12), any = [Bool](repeating: false, count: 12), c = "", lkv = "", bonus = "" }
        var rows: [String: Row] = [:]
        var seenLines = Set<String>()
        func person(fromLabel label: String) -> String {
            if let r = label.lastIndex(of: " ") { return String(label[label.index(after: r)...]) }
            return label
        }
        func addMonths(_ pm: Explanation, person: String) {
            var row = rows[person] ?? Row()
            if let routes = pm.inputs.first(where: { $0.name == "routes" }) { row.routes = routes.value }
            for s in pm.steps where seenLines.insert(person + "|" + s.description).inserted {
                let d = Array(s.description.utf8)
                guard d.count >= 7, let m = Int(String(decoding: d[5..<7], as: UTF8.self)), (1...12).contains(m),
                      let h = CentiHours(s.value) else { continue }
                row.months[m - 1] += h.rawValue
                row.any[m - 1] = true
                let wsw = s.description.contains(" wsw ") ? " wsw" : ""
                if s.description.contains("aan \(employerId),") { row.roles.insert("i" + wsw) }
                else if s.description.contains("uitgeleend") { row.roles.insert("u" + wsw) }
                else { row.roles.insert("e" + wsw) }
            }
            rows[person] = row
        }
        func walk(_ e: Explanation, under: String?) {
            switch e.figure {
            case "hours_c":
                for pm in e.children where pm.figure == "person_months" {
                    let p = person(fromLabel: pm.label)
                    addMonths(pm, person: p)
                    rows[p]!.c = DutchNumber.format(pm.value)
                }
            case "lkv_person", "bonus_person":
                let p = person(fromLabel: e.label)
                var row = rows[p] ?? Row()
                if e.figure == "lkv_person" { row.lkv = DutchExplanationText.value(e.value, .euro) } else { row.bonus = DutchExplanationText.value(e.value, .euro) }
                rows[p] = row
                for pm in e.children where pm.figure == "person_months" { addMonths(pm, person: p) }
            default:
                for c in e.children { walk(c, under: e.figure) }
            }
        }
        for t in trees { walk(t, under: nil) }
        guard !rows.isEmpty else { return [] }
        let monthNames = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
        let header = ["Persoon", "Rol", "Routes"] + monthNames + ["Uren C", "LKV", "Bonus"]
        let body: [[String]] = rows.keys.sorted().map { p in
            let r = rows[p]!
            let months = (0..<12).map { r.any[$0] ? DutchNumber.format(units: r.months[$0], scale: 2) : "" }
            return [p, r.roles.sorted().joined(separator: "+"), r.routes] + months + [r.c.isEmpty ? "–" : r.c, r.lkv.isEmpty ? "–" : r.lkv, r.bonus.isEmpty ? "–" : r.bonus]
        }
        return DutchExplanationText.table(header, body, leftColumns: 3)
    }
}
