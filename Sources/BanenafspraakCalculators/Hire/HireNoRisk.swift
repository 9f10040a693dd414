import BanenafspraakCore

/// The no-riskpolis of one hire in one year (ZW art. 29b): which group covers the worker, and until when
/// (``NoRiskCover``, as the `noriskpolis` calculator). Of the groups that apply, the longest cover counts.
enum HireNoRisk {
    static func groups(_ s: HireSituation, countsInYear: Bool) -> [NoRiskGroup] {
        var out: [NoRiskGroup] = []
        if countsInYear { out.append(.banenafspraak) }
        if s.wajong || s.ground == .wajong { out.append(.wajong) }
        if s.wia { out.append(.wia) }
        return out
    }

    static func evaluate(_ hire: HireCase, year: Int, countsInYear: Bool, _ set: ParameterSet) throws(CaseError) -> HireInstrument? {
        let groups = groups(hire.situation, countsInYear: countsInYear)
        guard !groups.isEmpty else { return nil }
        let yearStart = LocalDate(year: year, month: 1, day: 1)!
        let day = max(hire.start, yearStart)
        let p = CalculatorParameters(set: set, date: day)
        var best: (group: NoRiskGroup, until: LocalDate?, covered: Bool)?
        var parameters: [ResolvedParameter] = []
        var steps: [Explanation.Step] = []
        for g in groups {
            let scheme = try p.resolve("noriskpolis.\(g.rawValue).scheme")
            parameters.append(scheme)
            guard scheme.count == 1 else { steps.append(.init("No-riskpolis \(g.rawValue): niet van kracht op \(day)", "geen dekking")); continue }
            let term = try p.resolve("noriskpolis.term_years.\(g.rawValue)")
            parameters.append(term)
            let until = NoRiskCover.lastDay(employmentStart: hire.start, years: term.limit)
            var covered = until.map { $0 >= yearStart } ?? true
            if g == .banenafspraak {
                let from = try p.resolve("noriskpolis.banenafspraak.employment_from_year")
                parameters.append(from)
                if Int64(hire.start.year) < from.count { covered = false }
            }
            steps.append(.init("No-riskpolis \(g.rawValue): dekking \(until.map { "tot en met \($0)" } ?? "zolang de dienstbetrekking duurt")", covered ? "gedekt in \(year)" : "geen dekking in \(year)"))
            let better: Bool
            if let b = best {
                better = (covered && !b.covered) || (covered == b.covered && (b.until.map { u in until.map { $0 > u } ?? true } ?? false))
            } else { better = true }
            if better { best = (g, until, covered) }
        }
        guard let best else { return nil }
        steps.append(.init("De langste dekking telt", best.group.rawValue))
        let explanation = Explanation(
            figure: "noriskpolis", label: "No-riskpolis in \(year)", value: best.covered ? "gedekt" : "niet gedekt",
            rule: "Ziekt de werknemer binnen de dekking, dan betaalt UWV ziekengeld en hoeft de werkgever het loon niet (volledig) zelf te dragen",
            source: "ZW art. 29b (lid 1 onder b: WIA, vijf jaar; lid 2 onder a: Wajong; onder e: doelgroep banenafspraak) en 29e",
            formula: "dekking vanaf de aanvang van de dienstbetrekking; einde = aanvang + looptijd - 1 dag, of geen einde",
            parameters: parameters, inputs: [.init("aanvang dienstbetrekking", hire.start.description)], steps: steps)
        return HireInstrument(name: .noriskpolis, amount: nil,
                              fields: [("covered", .bool(best.covered)), ("group", .string(best.group.rawValue)),
                                       ("cover_until", best.until.map { .string($0.description) } ?? .null)],
                              legalBasis: "ZW art. 29b en 29e", explanation: explanation)
    }
}
