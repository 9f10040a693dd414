import Foundation
import BanenafspraakCalculators
import BanenafspraakCore

/// `calc --format text`: the result and its explanation in plain Dutch, with Dutch labels for the result keys
/// and Dutch number notation (`€ 1.339,26`, `1.326,00 uur`, `70,00%`). The JSON output keeps the contract keys.
enum CalcText {
    enum Kind { case money, hours, percent, date, plain }

    /// Dutch label and kind per result key of the calculators (calculator cases: docs/contracts-internal.md).
    static let keys: [String: (String, Kind)] = [
        "advice": ("Advies", .plain), "amount": ("Bedrag", .money), "amount_per_placement": ("Bedrag per plaatsing", .money),
        "annual_max": ("Jaarmaximum", .money), "calculator": ("Calculator", .plain), "candidates": ("Kandidaten", .plain),
        "cap": ("Maximum", .money), "compensated_hours": ("Vergoede uren", .hours), "compensation": ("Vergoeding", .money),
        "cost": ("Kosten", .money), "cost_estimate_high": ("Kostenraming hoog", .money), "cost_estimate_low": ("Kostenraming laag", .money),
        "counts_for_banenafspraak": ("Telt mee voor de banenafspraak", .plain), "cover_until": ("Dekking tot en met", .date),
        "covered": ("Gedekt", .plain), "criterion_a": ("Criterium a", .plain), "criterion_b": ("Criterium b", .plain),
        "daily_amount": ("Bedrag per dag", .money), "daily_ziekengeld": ("Ziekengeld per dag", .money), "eligible": ("Recht", .plain),
        "eligible_hours": ("Uren met recht", .hours), "employer_costs_allowance": ("Vergoeding werkgeverslasten", .money),
        "end_date": ("Einddatum", .date), "estimates": ("Schattingen, geen wet", .plain), "end_date_t_plus_2": ("Einddatum (oude regel, t+2)", .date), "exempt_amount": ("Vrijgelaten bedrag", .money),
        "forfaitair_expired": ("Forfaitaire periode verstreken", .plain), "fulltime_hours_per_week": ("Voltijduren per week", .hours),
        "group": ("Groep", .plain), "groups": ("Groepen", .plain), "hourly_rate": ("Bedrag per uur", .money), "in_register": ("In het doelgroepregister", .plain),
        "legal_basis": ("Grondslag", .plain), "lks_factor_percent": ("Loonkostensubsidie als percentage", .percent), "max_hours": ("Maximum uren", .hours),
        "monthly_amount": ("Bedrag per maand", .money), "months_counted": ("Maanden geteld", .plain), "municipal_target": ("Gemeentelijke taakstelling", .plain),
        "national_target": ("Landelijke taakstelling", .plain), "percent": ("Percentage", .percent), "percentage": ("Percentage", .percent),
        "period_end": ("Einde periode", .date), "realised": ("Gerealiseerd", .plain), "result": ("Uitkomst", .plain), "shortfall": ("Tekort", .plain),
        "size": ("Omvang", .plain), "status": ("Status", .plain), "subsidy_before_allowance": ("Subsidie voor de vergoeding werkgeverslasten", .money),
        "target_met": ("Doel gehaald", .plain), "total": ("Totaal", .money), "type": ("Soort", .plain), "wage_gap": ("Loonverschil", .money),
        "wage_lower_bound": ("Ondergrens uurloon", .money), "wage_upper_bound": ("Bovengrens uurloon", .money),
        "week_of_illness": ("Ziekteweek", .plain), "wml_plus_vb": ("WML plus vakantiebijslag", .money),
    ]

    /// A result value as a reader sees it.
    static func shown(_ v: JSONValue, kind: Kind) -> String {
        switch v {
        case .string(let s):
            switch kind {
            case .money: return Cents(s).map(DutchNumber.euro) ?? DutchExplanationText.text(s)
            case .hours: return DutchNumber.format(s) + " uur"
            case .percent: return DutchNumber.format(s) + "%"
            case .date: return LocalDate(s).map(DutchExplanationText.date) ?? s
            case .plain: return DutchExplanationText.text(s)
            }
        case .bool(let b): return b ? "ja" : "nee"
        case .null: return "–"
        case .integer(let i): return DutchNumber.count(i)
        case .array(let a): return a.map { shown($0, kind: kind) }.joined(separator: ", ")
        default: return DutchExplanationText.text(v.rendered(pretty: false))
        }
    }

    static func render(name: CalculatorName, date: CaseValue?, outcome: CalculatorOutcome) -> String {
        var lines: [String] = []
        var peildatum = ""
        if case .string(let d)? = date { peildatum = " (peildatum \(LocalDate(d).map(DutchExplanationText.date) ?? d))" }
        lines.append("Berekening \(name.rawValue)\(peildatum)")
        lines.append("Uitkomst:")
        for (k, v) in outcome.result {
            let (label, kind) = keys[k] ?? (k.replacingOccurrences(of: "_", with: " "), .plain)
            lines.append("  - \(label): \(shown(v, kind: kind))")
        }
        lines.append("")
        lines.append("Toelichting:")
        return lines.joined(separator: "\n") + "\n" + DutchExplanationText.calculator(withKinds(outcome))
    }

    /// The calculators' explanations carry no value kinds; for the text, a value that is also a money or hours result
    /// gets that kind, and a step that works in euros (`EUR` in its description) gives an amount. The data is not
    /// changed: this is a copy for the renderer.
    static func withKinds(_ outcome: CalculatorOutcome) -> Explanation {
        var kinds: [String: ValueKind] = [:]
        for (k, v) in outcome.result {
            guard case .string(let s) = v, let kind = keys[k]?.1 else { continue }
            if kind == .money { kinds[s] = .euro } else if kind == .hours, kinds[s] == nil { kinds[s] = .hours }
        }
        func annotate(_ e: Explanation) -> Explanation {
            var e = e
            if e.unit == nil { e.unit = kinds[e.value] }
            for i in e.inputs.indices where e.inputs[i].unit == nil { e.inputs[i].unit = kinds[e.inputs[i].value] }
            for i in e.steps.indices where e.steps[i].unit == nil && Cents(e.steps[i].value) != nil {
                if e.steps[i].description.contains("EUR") || kinds[e.steps[i].value] == .euro { e.steps[i].unit = .euro }
            }
            e.children = e.children.map(annotate)
            return e
        }
        return annotate(outcome.explanation)
    }
}
