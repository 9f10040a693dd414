import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakStore

/// The legal calendar on `/werkgever` (spec section 13; Wfsv art. 38e lid 3, Wtl art. 4.1): the employer's own
/// target-group lines that were corrected, received late or received after the cut-off, in the words of its
/// explanation ("gecorrigeerd op 2025-04-02: 120,00 → 96,00 uur").
struct EmployerCalendarView {
    struct Line {
        let person: String
        let period: String
        let line: Int
        let text: String
    }
    let lines: [Line]

    /// `nil` when the run kept no such lines for the employer.
    init?(_ stored: [StoredCalendarLine]) {
        guard !stored.isEmpty else { return nil }
        lines = stored.map {
            Line(person: $0.person, period: $0.period.description, line: $0.line,
                 text: CalendarLineText.text($0.kind, received: $0.received, before: $0.hoursBefore, hours: $0.hours))
        }
    }
}

/// The employer's figures as the voorlopig and the definitief run of one year give them, side by side (spec
/// section 13: the overzicht on the aangiften to 31 January, Wtl art. 4.1, and the final figures on those of 1 May,
/// Wfsv art. 38e lid 3).
struct StageComparisonView {
    struct Row {
        let key: String
        let label: String
        let voorlopig: String
        let definitief: String
        let changed: Bool
    }
    let voorlopigRun: String
    let voorlopigAsOf: String
    let definitiefRun: String
    let definitiefAsOf: String
    let rows: [Row]

    /// The latest voorlopig and definitief runs of the chosen run's year that hold the employer, when the chosen
    /// run is one of them and both exist; `rows` gives an employer's rows in a run.
    init?(chosen: RunSummary, runs: [(RunSummary, StoredEmployer)], rows: (RunSummary, StoredEmployer) throws -> [Rekentool.FigureRow]) rethrows {
        guard let stage = chosen.stage.flatMap(CalendarStage.init(rawValue:)) else { return nil }
        let sameYear = runs.filter { $0.0.year == chosen.year && $0.0.regime == chosen.regime }
        func latest(_ s: CalendarStage) -> (RunSummary, StoredEmployer)? {
            s == stage ? sameYear.first { $0.0.id == chosen.id } : sameYear.last { $0.0.stage == s.rawValue }
        }
        guard let v = latest(.voorlopig), let d = latest(.definitief) else { return nil }
        voorlopigRun = String(v.0.id)
        voorlopigAsOf = v.0.asOf ?? ""
        definitiefRun = String(d.0.id)
        definitiefAsOf = d.0.asOf ?? ""
        let before = try rows(v.0, v.1), after = try rows(d.0, d.1)
        self.rows = zip(before, after).map { a, b in
            Row(key: a.key, label: a.label, voorlopig: a.value, definitief: b.value, changed: a.value != b.value)
        }
    }
}
