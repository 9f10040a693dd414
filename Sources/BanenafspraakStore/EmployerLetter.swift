import BanenafspraakBatch
import BanenafspraakCore
import Foundation

/// One employer's letter in Dutch HTML (`explain --store … --all`): a plain-language summary first, then the
/// explanation of the levy under the law of 2015 and of the simplified scheme, with the persons in tables
/// (by pseudonym only) instead of a nested block per person. Self-contained: no file from outside.
public enum EmployerLetter {
    public static func html(_ r: QuotaResult, employer e: Int, run: RunID) -> String {
        let id = r.employers.ids.string(Int32(e))
        let name = r.employers.names[e]
        let (levy, net) = EmployerExplanation.build(r, employer: e)
        var h = """
            <!DOCTYPE html>
            <html lang="nl">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Quotumheffing en vereenvoudigde regeling \(r.year): \(HTMLText.escape(name.isEmpty ? id : name))</title>
            <style>
            body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 60rem; margin: 0 auto; padding: 1rem; color: #1a1a1a; }
            .samenvatting { border-left: 0.4rem solid #154273; padding: 0.5rem 1rem; background: #f3f6f9; font-size: 1.1rem; }
            .figuur { border-left: 2px solid #ccc; margin: 0.5rem 0 0.5rem 0.5rem; padding-left: 0.75rem; }
            table { border-collapse: collapse; margin: 0.5rem 0; } th, td { border: 1px solid #bbb; padding: 0.2rem 0.5rem; text-align: left; }
            td.getal { text-align: right; font-variant-numeric: tabular-nums; }
            </style>
            </head>
            <body>
            <main>
            <h1>Quotumheffing en vereenvoudigde regeling over \(r.year)</h1>
            <p>Werkgever: \(name.isEmpty ? HTMLText.escape(id) : "\(HTMLText.escape(name)) (\(HTMLText.escape(id)))"), sector \(r.employers.sector[e].rawValue), arbeidsmarktregio \(region(r.employers.region[e])).</p>
            <section aria-labelledby="samenvatting" class="samenvatting">
            <h2 id="samenvatting">Samenvatting</h2>

            """
        for sentence in summary(r, employer: e) { h += "<p>\(HTMLText.escape(sentence))</p>\n" }
        h += "</section>\n"
        h += "<section aria-labelledby=\"wet2015\">\n<h2 id=\"wet2015\">Uitleg: quotumheffing (wet van 2015)</h2>\n\(block(levy))</section>\n"
        h += "<section aria-labelledby=\"vereenvoudigd\">\n<h2 id=\"vereenvoudigd\">Uitleg: vereenvoudigde regeling</h2>\n\(block(net))</section>\n"
        h += personTables(r, employer: e)
        h += """
            <p><small>Berekend in run \(run) voor het jaar \(r.year). Personen staan alleen met hun pseudoniem vermeld. \
            Bedragen in euro, uren in uren; de regels en bronnen staan bij elk bedrag.</small></p>
            </main>
            </body>
            </html>

            """
        return h
    }

    /// The plain-language summary, e.g. "U had 706 uur doelgroepwerk nodig en verloonde er 0; dat is 0,5 baan
    /// tekort, dus € 2.500 heffing."
    public static func summary(_ r: QuotaResult, employer e: Int) -> [String] {
        let f = r.figures[e]
        var out: [String] = []
        if !f.liable {
            out.append("U was in \(r.year) niet quotumplichtig: u verloonde \(hours(f.hoursTotal)) uur, minder dan de drempel van \(hours(r.parameters.threshold.hours)) uur (of in het jaar ervoor). U betaalt dus geen quotumheffing en geen inclusiviteitsopslag.")
        } else if f.shortfallTenths > 0 {
            out.append("U had \(hours(f.requiredHours)) uur doelgroepwerk nodig en verloonde er \(hours(f.hoursC)); dat is \(tenths(f.shortfallTenths)) baan tekort, dus \(euro(f.levy)) heffing.")
        } else {
            out.append("U had \(hours(f.requiredHours)) uur doelgroepwerk nodig en verloonde er \(hours(f.hoursC)); u heeft geen tekort, dus geen heffing.")
        }
        var clauses = ["ontvangt u \(euro(f.lkv)) loonkostenvoordeel en \(euro(f.bonus)) bonus"]
        if f.transfersOut.rawValue > 0 { clauses.append("draagt u \(euro(f.transfersOut)) bonus over aan een samenwerkingspartner") }
        if f.transfersIn.rawValue > 0 { clauses.append("ontvangt u \(euro(f.transfersIn)) van een samenwerkingspartner") }
        if f.liable {
            clauses.append("betaalt u \(euro(f.surcharge)) inclusiviteitsopslag (\(percent(r.surchargeRate.description)) over een premiegrondslag van \(euro(f.premiumBase)))")
        }
        let joined = clauses.count == 1 ? clauses[0] : clauses.dropLast().joined(separator: ", ") + " en " + clauses.last!
        let net = f.net.rawValue >= 0 ? "netto ontvangt u \(euro(f.net))." : "netto betaalt u \(euro(Cents(-f.net.rawValue)))."
        out.append("In de vereenvoudigde regeling \(joined): \(net)")
        return out
    }

    /// An explanation as nested blocks; the per-person children become the tables below.
    static func block(_ x: Explanation) -> String {
        var h = "<div class=\"figuur\">\n<p><strong>\(HTMLText.escape(x.label))</strong> = \(HTMLText.escape(x.value))</p>\n"
        h += "<p>Regel: \(HTMLText.escape(x.rule)) (\(HTMLText.escape(x.source))).<br>Formule: \(HTMLText.escape(x.formula))</p>\n"
        if !x.inputs.isEmpty {
            h += "<p>Invoer:</p>\n<ul>\n" + x.inputs.map { "<li>\(HTMLText.escape($0.name)): \(HTMLText.escape($0.value))</li>\n" }.joined() + "</ul>\n"
        }
        if !x.parameters.isEmpty {
            h += "<p>Parameters:</p>\n<ul>\n" + x.parameters.map { p in
                let until = p.value.validUntil.map { " t/m \($0)" } ?? ""
                return "<li>\(HTMLText.escape(p.description)) (\(HTMLText.escape(p.id))) = \(HTMLText.escape(p.formatted)), geldig vanaf \(p.value.validFrom)\(until); bron: \(HTMLText.escape(p.value.source))</li>\n"
            }.joined() + "</ul>\n"
        }
        if !x.steps.isEmpty {
            h += "<p>Stappen:</p>\n<ol>\n" + x.steps.map { s in
                "<li>\(HTMLText.escape(s.description)) = \(HTMLText.escape(s.value))\(s.rounding == "geen" ? "" : " (afronding: \(HTMLText.escape(s.rounding)))")</li>\n"
            }.joined() + "</ol>\n"
        }
        let perPerson: Set<String> = ["person_months", "lkv_person", "bonus_person"]
        let shown = x.children.filter { !perPerson.contains($0.figure) }
        let hidden = x.children.count - shown.count
        if hidden > 0 { h += "<p>Per persoon: zie de tabellen onderaan (\(hidden) \(hidden == 1 ? "persoon" : "personen")).</p>\n" }
        for c in shown { h += block(c) }
        return h + "</div>\n"
    }

    /// Per person: target-group hours, LKV and bonus; then per person-month, each line and what it counts for.
    static func personTables(_ r: QuotaResult, employer e: Int) -> String {
        guard let trace = r.trace else { return "" }
        let id = r.employers.ids.string(Int32(e))
        let p = r.parameters
        let lkvLines = trace.lines.filter { $0.employer == id && $0.targetGroup && ($0.hirer != nil || $0.scheme != .wsw) }
        let byPerson = Dictionary(grouping: lkvLines, by: \.person)
        var h = "<section aria-labelledby=\"personen\">\n<h2 id=\"personen\">Per persoon: LKV en bonus</h2>\n"
        if byPerson.isEmpty {
            h += "<p>U had in \(r.year) geen werknemers uit de doelgroep in dienst.</p>\n"
        } else {
            h += "<table>\n<thead><tr><th scope=\"col\">Persoon (pseudoniem)</th><th scope=\"col\">Uren doelgroep</th><th scope=\"col\">LKV</th><th scope=\"col\">Bonus</th></tr></thead>\n<tbody>\n"
            for person in byPerson.keys.sorted() {
                let hours = byPerson[person]!.reduce(CentiHours.zero) { $0 + $1.hours }
                let lkv = HourlyAmount.compute(hours: hours, perHour: p.lkvHourly.money, annualMaximum: p.lkvCap)
                let bonus = HourlyAmount.compute(hours: hours, perHour: p.bonusHourly.money, annualMaximum: p.bonusCap)
                h += "<tr><th scope=\"row\">\(HTMLText.escape(person))</th><td class=\"getal\">\(self.hours(hours))</td><td class=\"getal\">\(euro(lkv))</td><td class=\"getal\">\(euro(bonus))</td></tr>\n"
            }
            h += "</tbody>\n</table>\n"
        }
        h += "</section>\n"
        let relevant = trace.lines.filter { $0.targetGroup && (($0.employer == id && ($0.hirer != nil || $0.scheme != .wsw)) || $0.hirer == id) }
            .sorted { ($0.person, $0.period, $0.line) < ($1.person, $1.period, $1.line) }
        h += "<section aria-labelledby=\"maanden\">\n<h2 id=\"maanden\">Uren per persoon per maand</h2>\n"
        if relevant.isEmpty { return h + "<p>Er zijn geen doelgroepregels voor u.</p>\n</section>\n" }
        h += "<table>\n<thead><tr><th scope=\"col\">Persoon (pseudoniem)</th><th scope=\"col\">Maand</th><th scope=\"col\">Regeling</th><th scope=\"col\">Rol</th><th scope=\"col\">Regel in payroll.csv</th><th scope=\"col\">Uren</th><th scope=\"col\">Telt voor</th><th scope=\"col\">Registerroutes</th></tr></thead>\n<tbody>\n"
        for l in relevant {
            let role: String
            if let hirer = l.hirer { role = l.employer == id ? "uitgeleend aan \(hirer)" : "ingeleend van \(l.employer)" } else { role = "eigen regel" }
            var counts: [String] = []
            if l.hirer == id || (l.employer == id && l.hirer == nil && l.scheme != .wsw) { counts.append("C") }
            if l.employer == id { counts.append("LKV en bonus") }
            let routes = trace.routes[l.person]?.map(\.rawValue).joined(separator: ", ") ?? "niet in het register"
            h += "<tr><th scope=\"row\">\(HTMLText.escape(l.person))</th><td>\(l.period)</td><td>\(l.scheme)</td><td>\(HTMLText.escape(role))</td><td class=\"getal\">\(l.line)</td><td class=\"getal\">\(hours(l.hours))</td><td>\(counts.joined(separator: ", "))</td><td>\(HTMLText.escape(routes))</td></tr>\n"
        }
        return h + "</tbody>\n</table>\n</section>\n"
    }

    // MARK: Dutch formats

    /// `€ 2.500` for whole euros, else `€ 1.234,56`.
    public static func euro(_ c: Cents) -> String {
        let negative = c.rawValue < 0
        let v = negative ? -c.rawValue : c.rawValue
        let whole = grouped(v / 100)
        let cents = v % 100
        return (negative ? "-€ " : "€ ") + whole + (cents == 0 ? "" : "," + (cents < 10 ? "0" : "") + String(cents))
    }

    /// `706` for whole hours, else `706,5` or `706,25`.
    public static func hours(_ h: CentiHours) -> String {
        let negative = h.rawValue < 0
        let v = negative ? -h.rawValue : h.rawValue
        var text = grouped(v / 100)
        let frac = v % 100
        if frac != 0 { text += "," + (frac % 10 == 0 ? String(frac / 10) : (frac < 10 ? "0" : "") + String(frac)) }
        return (negative ? "-" : "") + text
    }

    /// Tenths of a job: `0,5`.
    static func tenths(_ t: Int64) -> String { "\(t / 10),\(t % 10)" }

    static func percent(_ dotted: String) -> String { dotted.replacingOccurrences(of: ".", with: ",") + "%" }

    static func grouped(_ n: Int64) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "." }
            out.append(ch)
        }
        return out
    }

    static func region(_ r: UInt8) -> String { r < 10 ? "AMR0\(r)" : "AMR\(r)" }

}
