import BanenafspraakCore

/// A date the employer must meet.
public struct HireDeadline: Sendable {
    public var what: String
    public var date: LocalDate
    public var source: String
}

/// The deadlines of a hire: the doelgroepverklaring of each LKV it may give, and the 1 May cut-off of each year.
enum HireDeadlines {
    /// Wtl art. 2.3, 2.7, 2.11 and 2.15, lid 1: "De doelgroepverklaring wordt aangevraagd binnen drie maanden na aanvang
    /// van de dienstbetrekking" (herplaatsen: na de hervatting). From 2026 the LKV doelgroep banenafspraak needs none:
    /// art. 2.11 is gone and art. 2.10 lid 1 looks at the register per aangiftetijdvak.
    static func article(_ t: LKVType) -> String {
        switch t {
        case .oudere: return "Wtl art. 2.3 lid 1"
        case .arbeidsgehandicapt: return "Wtl art. 2.7 lid 1"
        case .banenafspraak: return "Wtl art. 2.11 lid 1"
        case .herplaatsen: return "Wtl art. 2.15 lid 1"
        }
    }

    /// The last day of "binnen drie maanden na aanvang" (reading H7 in docs/readings.md): the day before the same date three months on.
    static func withinThreeMonths(_ start: LocalDate) -> LocalDate { start.adding(months: 3).adding(days: -1) }

    static func build(_ hire: HireCase, types: [LKVType], years: ClosedRange<Int>, _ set: ParameterSet) throws(CaseError) -> [HireDeadline] {
        var out: [HireDeadline] = []
        let p = CalculatorParameters(set: set, date: hire.start)
        for t in types {
            guard try LKVCalculator.inForce(t, LKVCalculator.Hours(employmentStart: hire.start, byMonth: []), p) else { continue }
            if t == .banenafspraak, p.has("register.wet_banenafspraak"), try p.resolve("register.wet_banenafspraak").count == 1 { continue }
            out.append(HireDeadline(
                what: "Doelgroepverklaring voor het \(t.label) aanvragen bij UWV, binnen drie maanden na \(t == .herplaatsen ? "de werkhervatting" : "de aanvang van de dienstbetrekking")",
                date: withinThreeMonths(hire.start), source: article(t)))
        }
        for year in years {
            let cutoff = try p.resolve("calendar.cutoff_definitief", on: LocalDate(year: year, month: 12, day: 31)!)
            let mmdd = Int(cutoff.count)
            guard let date = LocalDate(year: year + 1, month: mmdd / 100, day: mmdd % 100) else { continue }
            out.append(HireDeadline(
                what: "Loonaangiften over \(year) en de correcties daarop uiterlijk ingediend: wat later komt telt niet mee voor het quotum en de tegemoetkomingen over \(year)",
                date: date, source: "Wfsv art. 38e lid 3; Wtl art. 4.1 lid 2 (parameter calendar.cutoff_definitief)"))
        }
        return out.sorted { $0.date < $1.date }
    }
}
