import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakPresentation

/// One employer's letter in Dutch HTML (`explain --store … --all`), the `employer-letter` template: the summary
/// every output shares (``EmployerExplanationText/summary(year:levy:net:voice:)``, addressed to the employer), then
/// the explanation of the levy under the law of 2015 and of the simplified scheme, with the persons in tables (by
/// pseudonym only) instead of a nested block per person. Self-contained: no file from outside.
public enum EmployerLetter {
    /// What the `employer-letter` template shows.
    struct View {
        var year: Int
        var who: String
        var employer: String
        var sector: String
        var region: String
        var summary: [String]
        var levy: ExplanationView
        var net: ExplanationView
        var persons: TableView?
        var hasTrace: Bool
        var months: TableView?
        var run: String
    }

    /// The letter of `employer` from its assessment `a` (``StoredExplainer/assessed(employer:)``).
    public static func html(_ a: AssessedEmployer, of employer: StoredEmployer, run: RunID) -> String {
        let id = a.id
        let name = employer.name
        let (levy, net) = EmployerExplanation.build(a)
        let (persons, months) = personTables(a)
        return Templates.render(View(
            year: a.year, who: name.isEmpty ? id : name, employer: name.isEmpty ? id : "\(name) (\(id))",
            sector: a.sector.rawValue, region: Arbeidsmarktregio.code(employer.region),
            summary: EmployerExplanationText.summary(year: a.year, levy: levy, net: net, voice: .employer),
            levy: ExplanationView(levy, personsAsTables: true), net: ExplanationView(net, personsAsTables: true),
            persons: persons, hasTrace: a.trace != nil, months: months, run: String(run)), template: "employer-letter")
    }

    /// Per person: target-group hours, LKV and bonus; then per person-month, each line and what it counts for.
    static func personTables(_ a: AssessedEmployer) -> (persons: TableView?, months: TableView?) {
        guard let trace = a.trace else { return (nil, nil) }
        let id = a.id
        let p = a.parameters
        let lkvLines = trace.lines.filter { $0.employer == id && $0.targetGroup && ($0.hirer != nil || $0.scheme != .wsw) }
        let byPerson = Dictionary(grouping: lkvLines, by: \.person)
        var persons: TableView?
        if !byPerson.isEmpty {
            var rows = [["Persoon (pseudoniem)", "Uren doelgroep", "LKV", "Bonus"]]
            for person in byPerson.keys.sorted() {
                let hours = byPerson[person]!.reduce(CentiHours.zero) { $0 + $1.hours }
                let lkv = HourlyAmount.compute(hours: hours, perHour: p.lkvHourly.money, annualMaximum: p.lkvCap)
                let bonus = HourlyAmount.compute(hours: hours, perHour: p.bonusHourly.money, annualMaximum: p.bonusCap)
                rows.append([person, DutchNumber.hours(hours), DutchNumber.euro(lkv), DutchNumber.euro(bonus)])
            }
            persons = TableView(caption: "LKV en bonus per persoon", rows)
        }
        let relevant = trace.lines.filter { $0.targetGroup && (($0.employer == id && ($0.hirer != nil || $0.scheme != .wsw)) || $0.hirer == id) }
            .sorted { ($0.person, $0.period, $0.line) < ($1.person, $1.period, $1.line) }
        guard !relevant.isEmpty else { return (persons, nil) }
        var rows = [["Persoon (pseudoniem)", "Maand", "Regeling", "Rol", "Regel in payroll.csv", "Uren", "Telt voor", "Registerroutes"]]
        for l in relevant {
            let role: String
            if let hirer = l.hirer { role = l.employer == id ? "uitgeleend aan \(hirer)" : "ingeleend van \(l.employer)" } else { role = "eigen regel" }
            var counts: [String] = []
            if l.hirer == id || (l.employer == id && l.hirer == nil && l.scheme != .wsw) { counts.append("C") }
            if l.employer == id { counts.append("LKV en bonus") }
            let routes = trace.routes[l.person]?.map(\.rawValue).joined(separator: ", ") ?? "niet in het register"
            rows.append([l.person, l.period.description, "\(l.scheme)", role, String(l.line), DutchNumber.hours(l.hours), counts.joined(separator: ", "), routes])
        }
        return (persons, TableView(caption: "Doelgroepregels per persoon en maand", rows))
    }
}
