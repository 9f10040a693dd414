import BanenafspraakCalculators
import BanenafspraakCore

/// One hire, every instrument (spec section 15): the one function behind `banenafspraak hire`, `POST /api/v1/hire`
/// and the page `/aanname`. The instruments come from the calculators of `calc` (``HirePlan``), the effect on the
/// employer's own figures from the assessment of `estimate` (``HireEmployerEffect``).
public enum Hire {
    public struct Outcome: Sendable {
        public var plan: HirePlan
        public var effect: HireEmployerEffect?

        /// The result JSON, the same for the CLI, the API and the page.
        public var jsonValue: JSONValue {
            plan.jsonValue { year in effect.flatMap { $0.year == year ? $0.jsonValue : nil } }
        }
    }

    public static func compute(_ value: CaseValue, parameters: EstimateParameters) throws(CaseError) -> Outcome {
        let hire = try HireCase.parse(value)
        let plan = try HirePlan.compute(hire, parameters: parameters.set)
        let effect = try hire.employer.map { (e) throws(CaseError) in try HireEmployerEffect.compute(e, plan: plan, parameters: parameters) }
        return Outcome(plan: plan, effect: effect)
    }

    public static func run(_ value: CaseValue, parameters: EstimateParameters) throws(CaseError) -> JSONValue {
        try compute(value, parameters: parameters).jsonValue
    }
}
