import BanenafspraakCore

/// One hire as the employer describes it (`banenafspraak hire`, `POST /api/v1/hire`, the page `/aanname`):
/// `{"start_date", "input": {"hours_per_week", "hourly_wage", "situation": {...}, "employer": optional}}`.
/// Every field is checked here; a bad one is a ``CaseError`` naming it.
public struct HireCase: Sendable {
    public var start: LocalDate
    /// Contract hours per week, in centi-hours.
    public var hoursPerWeek: CentiHours
    /// Loon voor de werknemersverzekeringen per uur, vakantiebijslag included (reading H2 in docs/readings.md).
    public var hourlyWage: Cents
    /// The employer's normal full-time week, for the loonkostensubsidie (Pwet art. 10d lid 4); 36 when not given.
    public var fullTimeHoursPerWeek: CentiHours?
    public var situation: HireSituation
    /// The body of `POST /api/v1/estimate`, checked by the estimate's own parser (the server module).
    public var employer: CaseValue?

    /// The first and last start date a hire may have: the parameters cover 2015–2026.
    public static let startRange = LocalDate(year: 2015, month: 1, day: 1)!...LocalDate(year: 2026, month: 12, day: 31)!

    public static func parse(_ value: CaseValue) throws(CaseError) -> HireCase {
        var top = try CaseInput(Calculators.unwrapScenario(value), path: "")
        let start = try top.date("start_date")
        guard startRange.contains(start) else {
            throw CaseError(field: "start_date", message: "must lie from \(startRange.lowerBound) to \(startRange.upperBound), the years the parameters cover")
        }
        guard var input = try top.object("input") else { throw CaseError(field: "input", message: "required field is missing") }
        try top.finish()
        let hours = try input.hours("hours_per_week")
        guard hours.rawValue > 0, hours.rawValue <= 16_800 else {
            throw CaseError(field: "input.hours_per_week", message: "hours per week lie above 0 and at most 168")
        }
        let wage = try input.money("hourly_wage")
        let fullTime = try input.optionalHours("fulltime_hours_per_week")
        if let fullTime, fullTime.rawValue == 0 || fullTime.rawValue > 16_800 {
            throw CaseError(field: "input.fulltime_hours_per_week", message: "the full-time week lies above 0 and at most 168 hours")
        }
        guard var s = try input.object("situation") else { throw CaseError(field: "input.situation", message: "required field is missing") }
        let situation = try HireSituation.read(&s, start: start)
        try s.finish()
        let employer = try input.raw("employer", required: false)
        try input.finish()
        return HireCase(start: start, hoursPerWeek: hours, hourlyWage: wage, fullTimeHoursPerWeek: fullTime, situation: situation, employer: employer)
    }
}

/// The person's situation: what rules instruments in or out.
public struct HireSituation: Sendable {
    /// In the doelgroepregister (Wfsv art. 38b; from 2026 Wet banenafspraak art. 2).
    public var register: Bool
    /// The route of the registration (input contract, section 4), when known.
    public var ground: RegisterRoute?
    /// Given, or derived from `age` (reading H4 in docs/readings.md: the latest birth date that age allows).
    public var birthDate: LocalDate?
    public var birthDateFromAge: Bool
    public var wia: Bool
    public var wajong: Bool
    public var bijstand: Bool
    /// WW in the month before the start (Wtl art. 2.2 lid 1 onder a, for the LKV oudere werknemer).
    public var ww: Bool
    /// The worker resumes work or takes another function at the same employer (Wtl art. 2.14); `start_date` is that day.
    public var herplaatsing: Bool
    /// Set when the municipality pays loonkostensubsidie (Pwet art. 10d).
    public var loonwaarde: BasisPoints?
    /// The first six months with the forfaitaire loonkostensubsidie (Pwet art. 10d lid 5).
    public var lksForfaitair: Bool

    static func read(_ s: inout CaseInput, start: LocalDate) throws(CaseError) -> HireSituation {
        let register = try s.bool("register")
        let ground = try s.optionalChoice("ground", as: RegisterRoute.self)
        if ground != nil && !register {
            throw CaseError(field: s.fieldPath("ground"), message: "a ground is only given for a person in the register (register: true)")
        }
        var birth = try s.optionalDate("birth_date")
        let age = try s.optionalCount("age", max: 120)
        if birth != nil && age != nil { throw CaseError(field: s.fieldPath("age"), message: "give birth_date or age, not both") }
        if let birth, birth >= start { throw CaseError(field: s.fieldPath("birth_date"), message: "lies on or after start_date") }
        if let age { birth = start.adding(months: -12 * Int(age)) }
        let wia = try s.optionalBool("wia") ?? false
        let wajong = try s.optionalBool("wajong") ?? false
        let bijstand = try s.optionalBool("bijstand") ?? false
        let ww = try s.optionalBool("ww") ?? false
        let herplaatsing = try s.optionalBool("herplaatsing") ?? false
        let loonwaarde = try s.optionalPercent("loonwaarde_percent")
        let forfaitair = try s.optionalBool("lks_forfaitair") ?? false
        if forfaitair && loonwaarde == nil {
            throw CaseError(field: s.fieldPath("lks_forfaitair"), message: "only with loonwaarde_percent (the municipality pays loonkostensubsidie)")
        }
        return HireSituation(register: register, ground: ground, birthDate: birth, birthDateFromAge: age != nil, wia: wia, wajong: wajong,
                             bijstand: bijstand, ww: ww, herplaatsing: herplaatsing, loonwaarde: loonwaarde, lksForfaitair: forfaitair)
    }

    /// Age in whole years on `day`.
    public func age(on day: LocalDate) -> Int? {
        guard let b = birthDate else { return nil }
        var years = day.year - b.year
        if (day.month, day.day) < (b.month, b.day) { years -= 1 }
        return years
    }

    /// Whether the person counts for the banenafspraak in `year` (Wfsv art. 38g lid 8, Wet banenafspraak art. 2):
    /// in the register on a route the current law knows (a route of the proposed widening counts only when the
    /// Wet banenafspraak made it law, from 2026).
    public func countsForBanenafspraak(wetBanenafspraak: Bool) -> Bool {
        guard register else { return false }
        guard let ground else { return true }
        return TargetGroup.counts(route: ground, scheme: .regular, regime: .current, wetBanenafspraak: wetBanenafspraak)
    }
}
