import BanenafspraakAssessment
import BanenafspraakCalculators
import BanenafspraakCore

/// What a hire does to the employer's own quota figures in one year: the estimate's assessment
/// (``EmployerAssessment/estimate(_:year:parameters:quotaPercent:surchargePercent:employerId:)``) without and with
/// the hire, as differences (spec section 15). The hire adds its hours to the verloonde uren and to A, its capped
/// wages to the premium base (``PremiumBase``), and, when the worker counts for the banenafspraak, its hours to C and
/// one worker to the LKV and bonus base of the simplified scheme.
public struct HireEmployerEffect: Sendable {
    public var year: Int
    public var quotaPercent: BasisPoints
    public var surchargePercent: MilliPercent
    public var without: EmployerFigures
    public var with: EmployerFigures

    public var levy: Cents { with.levy - without.levy }
    public var surcharge: Cents { with.surcharge - without.surcharge }
    public var lkv: Cents { with.lkv - without.lkv }
    public var bonus: Cents { with.bonus - without.bonus }
    public var net: Cents { with.net - without.net }

    /// The employer's totals with the hire's year added.
    static func adding(_ plan: HirePlan, year: Int, to totals: QuotaAssessment.EmployerTotals, cap: Cents) -> QuotaAssessment.EmployerTotals {
        var t = totals
        guard let y = plan.years.first(where: { $0.year == year }) else { return t }
        t.hoursTotal += y.hours
        t.hoursA += y.hours
        t.premiumBase += y.months.reduce(Cents.zero) { $0 + PremiumBase.line(wage: $1.wage, monthlyCap: cap) }
        if y.countsForBanenafspraak {
            t.hoursC += y.hours
            t.targetGroupHours.append(y.hours)
        }
        if let prior = t.priorYearHours, let before = plan.years.first(where: { $0.year == year - 1 }) {
            t.priorYearHours = prior + before.hours
        }
        return t
    }

    /// Parses the employer's totals (the body of `POST /api/v1/estimate`, by its own parser) and assesses them.
    static func compute(_ value: CaseValue, plan: HirePlan, parameters: EstimateParameters) throws(CaseError) -> HireEmployerEffect {
        let prefix = "input.employer"
        let request: Estimate.Request
        do { request = try Estimate.parse(value) } catch {
            throw CaseError(field: error.field == "case" ? prefix : prefix + "." + error.field, message: error.message)
        }
        if request.variation != nil { throw CaseError(field: prefix + ".vary", message: "not used by hire: the hire itself is the variation") }
        let years = plan.years.map(\.year)
        guard years.contains(request.year) else {
            throw CaseError(field: prefix + ".year", message: "must be one of the years of the hire: \(years.map(String.init).joined(separator: ", "))")
        }
        do throws(APIError) {
            let (quota, surcharge) = try Estimate.percentages(request, parameters: parameters, defaults: nil)
            let without = try Estimate.assess(request.totals, year: request.year, parameters: parameters, quota: quota, surcharge: surcharge).figures
            let cap: Cents
            do { cap = try parameters.quota(request.year).premiumBaseMonthlyCap } catch {
                throw APIError(status: 422, message: "cannot assess \(request.year): \(error)", field: "/year")
            }
            let added = adding(plan, year: request.year, to: request.totals, cap: cap)
            let with = try Estimate.assess(added, year: request.year, parameters: parameters, quota: quota, surcharge: surcharge).figures
            return HireEmployerEffect(year: request.year, quotaPercent: quota, surchargePercent: surcharge, without: without, with: with)
        } catch {
            let field = (error.field ?? "").split(separator: "/").joined(separator: ".")
            throw CaseError(field: field.isEmpty ? prefix : prefix + "." + field, message: error.message)
        }
    }

    /// `employer_effect`: the differences (with the hire minus without), and both shortfalls.
    public var jsonValue: JSONValue {
        .object([
            ("levy", .string(levy.description)), ("surcharge", .string(surcharge.description)),
            ("lkv", .string(lkv.description)), ("bonus", .string(bonus.description)), ("net", .string(net.description)),
            ("quota_percent", .string(quotaPercent.description)), ("surcharge_percent", .string(surchargePercent.description)),
            ("liable_without", .bool(without.liable)), ("liable_with", .bool(with.liable)),
            ("shortfall_jobs_without", .string(Quotumtekort.format(without.shortfallTenths))),
            ("shortfall_jobs_with", .string(Quotumtekort.format(with.shortfallTenths))),
            ("explanation", .string("Verschil met en zonder deze aanname in \(year), met dezelfde berekening als de rekentool (quotumheffing wet 2015: Wfsv art. 38f-38h; opslag, LKV en bonus: Kamerbrief vereenvoudiging banenafspraak (2019)); de overige cijfers van de werkgever blijven gelijk")),
        ])
    }
}
