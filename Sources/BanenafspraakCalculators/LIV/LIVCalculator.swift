import BanenafspraakCore

enum LIVCalculator {
    static func compute(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> CalculatorOutcome {
        throw CaseError(field: "calculator", message: "not implemented yet")
    }
}
