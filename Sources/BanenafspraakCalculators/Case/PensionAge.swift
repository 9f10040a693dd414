import BanenafspraakCore

/// De pensioengerechtigde leeftijd (AOW art. 7a lid 1) of a person born on `birth`: the day on which that
/// person reaches it. The age is a dated parameter (`aow.pensioengerechtigde_leeftijd_months`, in months) that
/// holds for the calendar year in which it is reached: the person reaches it in year Y when birth + the age of Y
/// falls in Y. Before 2015 the value of 2015 is used (such a person is past it on every date this project answers).
struct PensionAge {
    var reachedOn: LocalDate?
    var parameter: ResolvedParameter

    static let parameterID = "aow.pensioengerechtigde_leeftijd_months"

    /// The day `birth` reaches the pensioengerechtigde leeftijd, if that falls in 2026 or before.
    static func of(birth: LocalDate, _ p: CalculatorParameters) throws(CaseError) -> PensionAge {
        let first = ParameterSet.horizonStart.year, last = ParameterSet.horizonEnd.year
        var used = try p.resolve(parameterID, on: ParameterSet.horizonStart)
        guard birth.year <= last else { return PensionAge(reachedOn: nil, parameter: used) }
        for year in max(first, birth.year)...last {
            let age = try p.resolve(parameterID, on: LocalDate(year: year, month: 1, day: 1)!)
            used = age
            let day = birth.adding(months: Int(age.count))
            if day.year <= year { return PensionAge(reachedOn: day, parameter: age) }
        }
        return PensionAge(reachedOn: nil, parameter: used)
    }

    /// Whether the age is reached on or before `date`.
    func reached(by date: LocalDate) -> Bool { reachedOn.map { $0 <= date } ?? false }

    /// `66 jaar en 4 maanden`.
    var ageText: String {
        let m = parameter.count
        return m % 12 == 0 ? "\(m / 12) jaar" : "\(m / 12) jaar en \(m % 12) maanden"
    }

    /// The explanation step.
    var step: Explanation.Step {
        .init("Pensioengerechtigde leeftijd (AOW art. 7a lid 1): \(ageText), bereikt op", reachedOn?.description ?? "na 2026")
    }
}
