import BanenafspraakCore

/// Runs a case (calculator cases: docs/contracts-internal.md): `{"calculator", "date", "input"}` → `{"calculator", "result", "explanation"}`.
public enum Calculators {
    /// Computes a parsed case. `calculator` (from the command line) is used when the case names none,
    /// and must agree with it when it does.
    public static func run(case value: CaseValue, calculator: String? = nil, parameters: ParameterSet) throws(CaseError) -> JSONValue {
        let (name, outcome) = try outcome(case: value, calculator: calculator, parameters: parameters)
        return .object([
            ("calculator", .string(name.rawValue)),
            ("result", .object(outcome.result)),
            ("explanation", outcome.explanation.jsonValue),
        ])
    }

    /// A scenario file `{"description", "citation", "why", "case", "expected"}` runs as its `case`, so that a
    /// scenario from the test suite can be given to `calc --case FILE` as it is. Anything else is returned unchanged.
    public static func unwrapScenario(_ value: CaseValue) -> CaseValue {
        if value["input"] == nil, let inner = value["case"], case .object = inner { return inner }
        return value
    }

    /// An estimate is never shown beside statutory amounts as if it were law (docs/law.md): when the explanation
    /// uses a parameter value with status `estimate`, the result lists it under `estimates` ("schatting").
    static func markingEstimates(_ outcome: CalculatorOutcome) -> CalculatorOutcome {
        var seen = Set<String>(), list: [JSONValue] = []
        func walk(_ e: Explanation) {
            for p in e.parameters where p.value.status == .estimate && seen.insert(p.id + "@" + p.value.validFrom.description).inserted {
                list.append(.string("\(p.id) = \(p.formatted) (geldig vanaf \(p.value.validFrom)): schatting, geen wet"))
            }
            e.children.forEach(walk)
        }
        walk(outcome.explanation)
        guard !list.isEmpty else { return outcome }
        var marked = outcome
        marked.result.append(("estimates", .array(list)))
        return marked
    }

    /// Computes a parsed case and returns the calculator and its outcome (for text rendering).
    public static func outcome(case value: CaseValue, calculator: String? = nil, parameters: ParameterSet) throws(CaseError) -> (CalculatorName, CalculatorOutcome) {
        var top = try CaseInput(unwrapScenario(value), path: "")
        let named: String?
        if let v = try top.raw("calculator", required: false) {
            guard case .string(let s) = v else { throw CaseError(field: "calculator", message: "expected a string") }
            named = s
        } else {
            named = nil
        }
        if let calculator, let named, calculator != named {
            throw CaseError(field: "calculator", message: "the case names \"\(named)\" but \"\(calculator)\" was asked for")
        }
        guard let nameText = named ?? calculator else {
            throw CaseError(field: "calculator", message: "required field is missing")
        }
        guard let name = CalculatorName(rawValue: nameText) else {
            throw CaseError(field: "calculator", message: "unknown calculator \"\(nameText)\"; expected one of: \(CalculatorName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let date = try top.date("date")
        guard var input = try top.object("input") else { throw CaseError(field: "input", message: "required field is missing") }
        try top.finish()
        let p = CalculatorParameters(set: parameters, date: date)
        let outcome: CalculatorOutcome
        switch name {
        case .register: outcome = try RegisterCalculator.compute(&input, p)
        case .lkv: outcome = try LKVCalculator.compute(&input, p)
        case .lkvBest: outcome = try BestLKVCalculator.compute(&input, p)
        case .liv: outcome = try LIVCalculator.compute(&input, p)
        case .lks: outcome = try LKSCalculator.compute(&input, p)
        case .noriskpolis: outcome = try NoRiskPolisCalculator.compute(&input, p)
        case .vrijlating: outcome = try VrijlatingCalculator.compute(&input, p)
        case .begeleidingsbonus: outcome = try BegeleidingsbonusCalculator.compute(&input, p)
        case .jobcoach: outcome = try JobcoachCalculator.compute(&input, p)
        case .beschut: outcome = try BeschutCalculator.compute(&input, p)
        }
        try input.finish()
        return (name, markingEstimates(outcome))
    }
}
